#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

#include "sim/view.h"

namespace sb::widgets {

// The view's key rows (a cache's keys, a replica's versions): key, value, a bar draining towards
// expiry with its time written beside it, and the last outcome as a word in its tone. The
// highlighted key is marked with an arrow and a band. Clicking a row asks for that key (the
// window turns it into the topic's key gesture, if it has one). Empty when the view has no keys.
class KeyRowsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 8;  // the rest are counted on a last line

    explicit KeyRowsPanel(QWidget* parent = nullptr);

    void setKeys(const std::vector<core::KeyRow>& keys);
    const std::vector<core::KeyRow>& keys() const { return m_keys; }
    static int heightFor(std::size_t rows);
    // The rows the last paint drew, by index into keys(), with their rectangles (for tests).
    struct Drawn {
        QRectF rect;
        std::size_t row;
    };
    const std::vector<Drawn>& drawn() const { return m_drawn; }
    // The words the last paint had to cut with "…" (empty when everything fitted; tests ask).
    const QStringList& cutTexts() const { return m_cut; }
    QSize sizeHint() const override;

signals:
    void keyClicked(const QString& key);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    std::vector<core::KeyRow> m_keys;
    std::vector<Drawn> m_drawn;
    QStringList m_cut;
};

}  // namespace sb::widgets
