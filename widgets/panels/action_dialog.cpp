#include "panels/action_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include "panels/node_picker.h"
#include "sim/labels.h"

namespace sb::widgets {

ActionDialog::ActionDialog(const core::ActionSpec& spec, const std::vector<std::string>& nodes,
                           const std::string& presetNode, QWidget* parent)
    : QDialog(parent), m_spec(spec) {
    setWindowTitle(QString::fromStdString(core::labelOf(spec)));
    setAccessibleName(windowTitle());
    auto* form = new QFormLayout(this);
    auto* about = new QLabel(QString::fromStdString(spec.description), this);
    about->setWordWrap(true);
    form->addRow(about);
    for (const auto& arg : spec.args) {
        QWidget* field = nullptr;
        switch (arg.type) {
            case core::ArgType::Node: {
                auto* box = new QComboBox(this);
                if (!arg.required) box->addItem(tr("(none)"), QString());
                for (const auto& n : nodes) box->addItem(QString::fromStdString(n), QString::fromStdString(n));
                const int preset = box->findData(QString::fromStdString(presetNode));
                if (preset >= 0) box->setCurrentIndex(preset);
                field = box;
                break;
            }
            case core::ArgType::Int: {
                auto* spin = new QSpinBox(this);
                spin->setRange(-1000000, 1000000);
                spin->setValue(1);
                field = spin;
                break;
            }
            case core::ArgType::Real: {
                auto* spin = new QDoubleSpinBox(this);
                spin->setRange(-1e9, 1e9);
                spin->setValue(1);
                field = spin;
                break;
            }
            case core::ArgType::Bool: field = new QCheckBox(this); break;
            case core::ArgType::Nodes:
            case core::ArgType::Groups: {
                // Check boxes, not JSON: a partition is two sides, a node list one.
                auto* picker = new NodePicker(nodes, arg.type == core::ArgType::Groups, this);
                connect(picker, &NodePicker::changed, this, [this] { m_error->hide(); });
                field = picker;
                break;
            }
            case core::ArgType::Message: {
                auto* spin = new QSpinBox(this);
                spin->setRange(0, 1000000000);
                field = spin;
                break;
            }
            case core::ArgType::String: field = new QLineEdit(this); break;
        }
        const QString label = QString::fromStdString(core::labelOf(arg)) + (arg.required ? QString() : tr(" (optional)"));
        field->setAccessibleName(label);
        field->setToolTip(QString::fromStdString(arg.description));
        form->addRow(label, field);
        m_fields.push_back(field);
    }
    // What is wrong with the input, shown in place: the dialog stays open with everything typed.
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Input problem"));
    m_error->hide();
    form->addRow(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString problem = inputProblem();
        if (problem.isEmpty()) return accept();
        m_error->setText(problem);
        m_error->show();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QString ActionDialog::inputProblem() const {
    for (std::size_t i = 0; i < m_spec.args.size(); ++i)
        if (auto* picker = qobject_cast<NodePicker*>(m_fields[i])) {
            const QString problem = picker->problem();
            if (!problem.isEmpty()) return QStringLiteral("%1: %2").arg(QString::fromStdString(core::labelOf(m_spec.args[i])), problem);
        }
    return {};
}

bool ActionDialog::needsInput(const core::ActionSpec& spec, bool nodeGiven) {
    bool nodeUsed = false;
    for (const auto& arg : spec.args) {
        if (arg.type == core::ArgType::Node && nodeGiven && !nodeUsed) {
            nodeUsed = true;
            continue;
        }
        return true;  // anything else, optional or not, is worth offering
    }
    return false;
}

core::Action ActionDialog::action() const {
    core::Action a;
    a.kind = m_spec.kind;
    for (std::size_t i = 0; i < m_spec.args.size(); ++i) {
        const auto& arg = m_spec.args[i];
        QWidget* field = m_fields[i];
        if (auto* box = qobject_cast<QComboBox*>(field)) {
            const QString v = box->currentData().toString();
            if (!v.isEmpty()) a.args[arg.name] = v.toStdString();
        } else if (auto* picker = qobject_cast<NodePicker*>(field)) {
            a.args[arg.name] = picker->value();
        } else if (auto* spin = qobject_cast<QSpinBox*>(field)) {
            a.args[arg.name] = spin->value();
        } else if (auto* real = qobject_cast<QDoubleSpinBox*>(field)) {
            a.args[arg.name] = real->value();
        } else if (auto* check = qobject_cast<QCheckBox*>(field)) {
            a.args[arg.name] = check->isChecked();
        } else if (auto* line = qobject_cast<QLineEdit*>(field)) {
            const std::string text = line->text().trimmed().toStdString();
            if (!text.empty()) a.args[arg.name] = text;
        }
    }
    return a;
}

}  // namespace sb::widgets
