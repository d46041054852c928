#pragma once

#include <QWidget>
#include <string>

class QLabel;
class QListWidget;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTextBrowser;
class QUrl;

namespace sb::core {
struct ShownStep;
}

namespace sb::widgets {

class CardDeck;
class SimController;

// The narrated lesson: the step list, the selected step's narration (Markdown), "Run this step"
// and "Next step", and the step's expected claims as checks that turn green when the model
// satisfies them. A second tab holds the card deck.
class LessonPane : public QWidget {
    Q_OBJECT
public:
    LessonPane(SimController* controller, QWidget* parent = nullptr);

    QListWidget* stepList() const { return m_steps; }
    QListWidget* claimList() const { return m_claims; }
    QTextBrowser* narration() const { return m_narration; }
    CardDeck* cards() const { return m_cards; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* nextButton() const { return m_next; }
    // How many claims of the shown step hold at its end (0 while it runs).
    int passingClaims() const { return m_passing; }

    // Shows free-form Markdown instead of a lesson (a plain scenario is loaded).
    void showText(const QString& title, const QString& markdown);
    // The page shown while no lesson is open: the three gestures and a link to the first lesson.
    void setWelcome(const QString& lessonId, const QString& title);

signals:
    void lessonRequested(const QString& lessonId);

protected:
    void resizeEvent(QResizeEvent* event) override;
    // The step splitter also changes height on its own (a lesson title that wraps to two lines).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void lessonLoaded();
    void showCursor();
    void showClaims(const core::ShownStep& shown);
    void fitLists();
    static int rowsHeight(QListWidget* list, int maxRows);
    int narrationHeight() const;
    QString welcomeText() const;
    void followLink(const QUrl& url);
    QString probeDescription(const std::string& probe) const;

    SimController* m_controller;
    QLabel* m_title;
    QTabWidget* m_tabs;
    QSplitter* m_split = nullptr;
    QListWidget* m_steps;
    QTextBrowser* m_narration;
    QListWidget* m_claims;
    QPushButton* m_run;
    QPushButton* m_next;
    CardDeck* m_cards;
    int m_passing = 0;
    bool m_syncing = false;  // the step list follows the cursor: not a learner's choice
    QString m_shownKey;      // the narration on screen (set again only when it changes)
    static constexpr int kStepRowsKept = 8;  // a long step list keeps this many rows in view
    int m_fittedClaims = -1;
    int m_fittedNarration = -1;
    int m_fittedClaimsHeight = -1;
    QString m_firstLesson;
    QString m_firstTitle;
};

}  // namespace sb::widgets
