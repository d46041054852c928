#include "panels/view_panels.h"

#include <QEvent>
#include <QHBoxLayout>
#include <algorithm>

#include "panels/key_rows_panel.h"
#include "panels/step_strips_panel.h"

namespace sb::widgets {

ViewPanels::ViewPanels(QWidget* parent)
    : QWidget(parent), m_strips(new StepStripsPanel(this)), m_keys(new KeyRowsPanel(this)) {
    setAccessibleName(tr("Steps and keys"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(m_strips, 3);
    layout->addWidget(m_keys, 2);
    m_strips->hide();
    m_keys->hide();
    // At most as tall as the rows need; it gives way before the scene does.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    if (parent) parent->installEventFilter(this);  // its height decides whether the strips are compact
    hide();
}

namespace {
constexpr double kMostShare = 0.25;  // of the area shared with the scene, for full-size strips
}

void ViewPanels::fitStrips() {
    const QWidget* area = parentWidget();
    const bool compact = area && m_mostStrips > 0 &&
                         StepStripsPanel::heightFor(m_mostStrips) > kMostShare * static_cast<double>(area->height());
    if (compact == m_strips->compact()) return;
    m_strips->setCompact(compact);
    updateGeometry();
}

bool ViewPanels::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize) fitStrips();
    return QWidget::eventFilter(watched, event);
}

void ViewPanels::setView(const core::View& view) {
    const bool strips = !view.strips.empty();
    const bool keys = !view.keys.empty();
    m_strips->setStrips(view.strips);
    m_keys->setKeys(view.keys);
    const std::size_t mostStrips = std::max(m_mostStrips, view.strips.size());
    const std::size_t mostKeys = std::max(m_mostKeys, view.keys.size());
    const bool grew = mostStrips != m_mostStrips || mostKeys != m_mostKeys;
    m_mostStrips = mostStrips;
    m_mostKeys = mostKeys;
    // A part once shown stays for the run (empty), so the other does not jump sideways.
    if (strips && m_strips->isHidden()) m_strips->show();
    if (keys && m_keys->isHidden()) m_keys->show();
    if ((strips || keys) && isHidden()) show();
    if (grew) {
        fitStrips();
        updateGeometry();
    }
}

void ViewPanels::reset() {
    m_mostStrips = 0;
    m_mostKeys = 0;
    m_strips->setStrips({});
    m_keys->setKeys({});
    m_strips->hide();
    m_keys->hide();
    hide();
    fitStrips();
    updateGeometry();
}

QSize ViewPanels::sizeHint() const {
    int h = 0;
    if (m_mostStrips > 0) h = std::max(h, StepStripsPanel::heightFor(m_mostStrips, m_strips->compact()));
    if (m_mostKeys > 0) h = std::max(h, KeyRowsPanel::heightFor(m_mostKeys));
    return {640, h};
}

QSize ViewPanels::minimumSizeHint() const {
    return {200, std::min(sizeHint().height(), StepStripsPanel::heightFor(1, m_strips->compact()))};
}

}  // namespace sb::widgets
