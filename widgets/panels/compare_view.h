#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>
#include <vector>

#include "sim/scenario.h"
#include "sim/timeline.h"

class QComboBox;
class QDockWidget;
class QLabel;

namespace sb::widgets {

class Banner;
class SceneView;
class SimController;

// Side by side: the same run (scenario, seed and every action, the learner's included) with one
// parameter changed, shown at the same simulated time as the main scene. CP beside AP under the
// identical partition; the ring beside mod-N hashing on the same keys. The alternatives offered
// are the topic's choice and on/off parameters, each with the values the main run does not use.
// The second run is rebuilt only when the main run's script changes, and seeks otherwise.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(SimController* main, QWidget* parent = nullptr);
    ~CompareView() override;

    // What can be changed for the loaded topic, as "mode = AP" texts (for tests and the combo).
    QStringList alternatives() const;
    bool chooseAlternative(const QString& text);
    // Follows the main run; does nothing while hidden.
    void sync();
    // The main run's banner, under its scene while comparing (the window's own is hidden then);
    // given by the window, which has built the view already.
    void showMainBanner(const core::View& view, const std::vector<core::Violation>& violations);
    const core::Timeline* timeline() const { return m_timeline.get(); }
    SceneView* scene() const { return m_scene; }
    // The main scene in a column of the same shape as this view's (a title saying what this run
    // uses, the scene, a footer as tall as the notes under the other scene), so the two scenes
    // line up; while both show, they are drawn at the same scale.
    QWidget* wrapMain(SceneView* mainScene);
    QLabel* mainTitle() const { return m_mainTitle; }
    // Room for two scenes in a narrow window: while comparing, `dock` (beside the scenes) is
    // tabbed in front of `tabWith` (docks of another column, which keeps at least its width), so
    // the scenes get its width; closing the comparison gives the window back exactly the layout
    // it had.
    void foldWhenNarrow(QDockWidget* dock, const QList<QDockWidget*>& tabWith);
    bool folded() const { return m_folded; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Alternative {
        std::string param;
        double value = 0;
        QString text;
    };
    void rebuildAlternatives();
    void rebuildRun(const core::Scenario& session);
    // Both scenes fit one frame above one legend height at one scale (see SceneView::setSharedFit).
    void alignScenes();
    void scheduleAlign();
    void makeRoom();
    void giveRoomBack();
    int footerHeight() const;
    void fitFooter();

    SimController* m_main;
    QComboBox* m_choice;
    Banner* m_status;
    SceneView* m_scene;
    SceneView* m_mainScene = nullptr;
    QLabel* m_mainTitle = nullptr;
    Banner* m_mainFooter = nullptr;
    QPointer<QDockWidget> m_foldDock;
    QList<QPointer<QDockWidget>> m_foldInto;
    QByteArray m_layoutBefore;  // the window's layout before comparing; empty while not comparing
    bool m_folded = false;
    bool m_alignPending = false;
    int m_footerLines = 1;  // under both scenes, so they start and end on the same lines
    int m_aloneWidth = 0;  // the main scene's minimum width when it is alone
    std::vector<Alternative> m_alternatives;
    bool m_alternativesStale = true;  // a new run was loaded since the list was built
    std::unique_ptr<core::Timeline> m_timeline;
    core::Scenario m_builtFrom;  // the altered session m_timeline was built from
};

}  // namespace sb::widgets
