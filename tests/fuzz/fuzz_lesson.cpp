// Lesson files come from the user's own folder and from strangers (shared lessons). Loading
// must never crash or throw, whatever the bytes; a lesson that loads must also run: every step
// and every predict item, on a small event budget so one input stays fast.
#include <algorithm>

#include "fuzz_support.h"
#include "lesson/lesson_check.h"
#include "lesson/lesson_loader.h"

namespace {

constexpr std::size_t kEventBudget = 2000;

void runLesson(sb::core::Lesson lesson) {
    for (auto& step : lesson.steps) step.maxEvents = std::min(step.maxEvents, kEventBudget);
    for (auto& item : lesson.quiz) item.maxEvents = std::min(item.maxEvents, kEventBudget);
    auto run = sb::core::LessonRun::start(lesson, sb::fuzz::registry());
    if (!run) return;
    while (run->stepsDone() < lesson.steps.size()) run->runNextStep();
    for (const auto& item : lesson.quiz) (void)run->predict(item);
    (void)run->runToEndOfStep(0);  // seek back: the recorded start must still be there
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto load = sb::core::loadLessonText(sb::fuzz::asText(data, size), "fuzz.json",
                                               sb::fuzz::registry());
    sb::fuzz::require(load.ok() || !load.errors.empty(), "a refused lesson says why");
    if (load.ok()) runLesson(*load.lesson);
    return 0;
}
