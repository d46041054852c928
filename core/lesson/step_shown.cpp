#include "lesson/step_shown.h"

#include <algorithm>

namespace sb::core {

std::size_t ShownStep::holding() const {
    return static_cast<std::size_t>(
        std::count_if(claims.begin(), claims.end(), [](const ShownClaim& c) { return c.mark == ClaimMark::Holds; }));
}

ShownStep shownStep(const LessonRun& run) {
    const LessonCursor& c = run.cursor();
    ShownStep shown;
    shown.step = c.step;
    shown.phase = c.phase;
    shown.explored = c.explored;
    shown.pastEnd = c.pastEnd();
    const auto& steps = run.lesson().steps;
    if (c.step == 0 || c.step > steps.size()) return shown;
    shown.lessonStep = &steps[c.step - 1];
    const StepResult* result = c.done() ? run.resultOf(c.step) : nullptr;
    for (std::size_t i = 0; i < shown.lessonStep->expect.size(); ++i) {
        ShownClaim claim;
        claim.text = shown.lessonStep->expect[i].label(&run.timeline().model().info());  // in words; text() keeps the ids for reports
        if (result && i < result->claims.size()) {
            const ClaimResult& r = result->claims[i];
            claim.mark = r.passed ? ClaimMark::Holds : ClaimMark::Fails;
            claim.actual = r.problem.empty() ? valueWords(r.actual) : r.problem;
        }
        shown.claims.push_back(std::move(claim));
    }
    return shown;
}

}  // namespace sb::core
