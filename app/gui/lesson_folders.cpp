#include "gui/lesson_folders.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include "version.h"

namespace sb::app {

QString shippedLessonsDir() {
    QString source = QString::fromUtf8(kSourceLessonsDir);
    if (QDir(source).exists()) return source;
    return QDir(QCoreApplication::applicationDirPath() +
                QStringLiteral("/../share/splitbrain/lessons"))
        .absolutePath();
}

QString userLessonsDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/lessons");
}

}  // namespace sb::app
