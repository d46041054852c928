// The quiz workspace's side of the progress file: load, save after answers, export, import,
// and the notices that tell the learner when something about the file is wrong.
#include <QDir>
#include <QFileInfo>

#include "quiz/interview_box.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_workspace.h"
#include "plural.h"

namespace sb::widgets {

using core::quiz::LoadOutcome;

const core::quiz::LoadReport& QuizWorkspace::loadProgress() {
    QDir().mkpath(QFileInfo(QString::fromStdString(m_store.path())).absolutePath());
    m_report = m_store.load();
    const bool problem =
        (m_report.outcome != LoadOutcome::Loaded && m_report.outcome != LoadOutcome::Fresh) || !m_store.canSave();
    setNotice(problem ? QString::fromStdString(m_report.message) : QString());
    // An upgraded file is news, not a problem: the status bar says so once.
    if (problem || !m_report.keptOldFormat.empty()) emit message(QString::fromStdString(m_report.message));
    refreshSetup();
    emit progressChanged();
    return m_report;
}

void QuizWorkspace::setNotice(const QString& text) {
    m_notice = text;
    if (m_setup) m_setup->setNotice(text);
}

void QuizWorkspace::setCatalog(const core::LessonCatalog& catalog) {
    m_catalog.rebuild(catalog);
    refreshSetup();
    emit progressChanged();
}

void QuizWorkspace::save() {
    if (!m_store.canSave()) return;  // the notice already says why (a newer or unreadable file)
    if (core::Status s = m_store.save(); !s) {
        m_saveFailed = true;
        const QString text = tr("Progress could not be saved: %1").arg(QString::fromStdString(s.error().text()));
        setNotice(text);
        emit message(text);
        return;
    }
    if (m_saveFailed) setNotice({});
    m_saveFailed = false;
}

void QuizWorkspace::afterAnswer() {
    save();
    emit progressChanged();
}

void QuizWorkspace::refreshSetup() {
    if (!m_setup) return;  // built later, the setup page is filled then
    const core::quiz::Day today = core::quiz::dayOf(now());
    const auto refs = m_catalog.allRefs();
    const auto mastery = m_store.progress().masteryByTopic(refs);
    std::vector<TopicSummary> topics;
    for (const auto& topic : m_catalog.topics()) {
        TopicSummary t;
        t.topic = QString::fromStdString(topic);
        t.title = topicTitle(topic);
        const auto it = mastery.find(topic);
        t.mastery = it == mastery.end() ? 0.0 : it->second;
        t.due = static_cast<int>(core::quiz::dueItems(m_store.progress(), refs, {topic}, today).size());
        for (const auto& r : refs) t.total += r.topic == topic ? 1 : 0;
        topics.push_back(t);
    }
    m_setup->setTopics(topics);
    const core::quiz::Progress& p = m_store.progress();
    InterviewBox* box = m_setup->interviewBox();
    box->setScheduler(p.settings);
    box->setInterviewDate(p.interview.day ? std::optional<QDate>(dateOfDay(*p.interview.day)) : std::nullopt,
                          dateOfDay(today));
    box->setSummary(interviewSummary());
}

QString QuizWorkspace::topicTitle(const std::string& topic) const {
    const core::TopicInfo* info = m_registry.find(topic);
    return QString::fromStdString(info && !info->title.empty() ? info->title : topic);
}

std::map<std::string, double> QuizWorkspace::lessonMastery() const {
    return m_store.progress().masteryByLesson(m_catalog.allRefs());
}

QString QuizWorkspace::exportProgress(const QString& file) {
    if (core::Status s = m_store.exportTo(file.toStdString()); !s) return QString::fromStdString(s.error().text());
    return {};
}

QString QuizWorkspace::importProgress(const QString& file, QString* summary) {
    auto merged = m_store.importFrom(file.toStdString());
    if (!merged) return QString::fromStdString(merged.error().text());
    if (summary)
        *summary = tr("Imported %1 and %2; %3 merged.")
                       .arg(countText(merged->itemsAdded, tr("%1 new item"), tr("%1 new items")),
                            countText(merged->reviewsAdded, tr("%1 review"), tr("%1 reviews")),
                            countText(merged->itemsMerged, tr("%1 item"), tr("%1 items")));
    save();
    refreshSetup();
    emit progressChanged();
    if (!m_store.canSave()) return tr("The import was merged but cannot be saved: %1").arg(m_notice);
    return {};
}

}  // namespace sb::widgets
