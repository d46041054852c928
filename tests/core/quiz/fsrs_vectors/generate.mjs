// Generates fsrs6_vectors.json with the reference implementation, ts-fsrs (the
// open-spaced-repetition project's TypeScript FSRS), so core/quiz/fsrs.cpp can be checked
// against it. Run once; the output is committed and the C++ test only reads it.
//
//   mkdir /tmp/ref && cd /tmp/ref && npm install ts-fsrs@5.4.2
//   NODE_PATH=/tmp/ref/node_modules node generate.mjs > fsrs6_vectors.json
//
// Histories are random but seeded (a fixed LCG below), so rerunning gives the same file.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const tsfsrs = require(process.env.NODE_PATH + "/ts-fsrs");
const { fsrs, generatorParameters, createEmptyCard, Rating, default_w } = tsfsrs;

let seed = 20261201;
function rand() {  // Numerical Recipes LCG, 32-bit
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
}
function pick(n) { return Math.floor(rand() * n); }

const dayMs = 86400000;
const epochDay = 20454;  // 2026-01-01 as days since 1970-01-01
const at = (day) => new Date((epochDay + day) * dayMs + 12 * 3600000);  // noon UTC

const retentions = [0.9, 0.8, 0.95, 0.7];
const cases = [];
for (let c = 0; c < 240; ++c) {
  const retention = retentions[c % retentions.length];
  const params = generatorParameters({ request_retention: retention, enable_fuzz: false,
                                       enable_short_term: false });
  const f = fsrs(params);
  let card = createEmptyCard(at(0));
  let day = 0;
  const reviews = [];
  const n = 1 + pick(14);
  for (let i = 0; i < n; ++i) {
    // Grades skewed toward Good, as learners answer; Again and Easy still common.
    const roll = rand();
    const grade = roll < 0.2 ? Rating.Again : roll < 0.35 ? Rating.Hard : roll < 0.85 ? Rating.Good : Rating.Easy;
    const result = f.next(card, at(day), grade);
    card = result.card;
    reviews.push({ day, grade, stability: card.stability, difficulty: card.difficulty,
                   interval: card.scheduled_days });
    // Next review: on time, early, late, very late, or the same day.
    const kind = pick(6);
    const ivl = card.scheduled_days;
    const offset = kind === 0 ? 0 : kind === 1 ? -pick(ivl) : kind === 2 ? pick(5)
                 : kind === 3 ? pick(3 * ivl + 30) : kind === 4 ? -ivl : 0;
    day += Math.max(0, ivl + offset);
  }
  cases.push({ desiredRetention: retention, reviews });
}

const out = {
  reference: "ts-fsrs",
  referenceVersion: tsfsrs.FSRSVersion,
  algorithm: "FSRS-6",
  settings: { enable_fuzz: false, enable_short_term: false, maximum_interval: 36500 },
  w: Array.from(default_w),
  note: "day = whole days since the first review; interval = scheduled_days after the review",
  cases,
};
process.stdout.write(JSON.stringify(out, null, 0).replace(/\{"day"/g, "\n{\"day\"") + "\n");
