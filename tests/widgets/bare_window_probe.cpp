// The baseline of the first-paint benchmark: a bare QMainWindow of the workspace's size, linked
// against Qt Widgets only, that prints "first-paint" right after its first frame is painted
// (the same detection as the app's) and quits.
#include <QApplication>
#include <QMainWindow>
#include <cstdio>

#include "first_paint.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 800);
    sb::widgets::afterFirstPaint(&window, [] {
        std::printf("first-paint cpu %.3f ms\n", sb::widgets::processCpuMs());
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    window.show();
    return QApplication::exec();
}
