"""The generated journal's language: a Zipf-distributed vocabulary of real words and pseudo-words.

Ranks 1-52 are function words, then ~250 real mentoring words, then deterministic pseudo-words, 12,000
words in all. A word of rank r is drawn with weight 1 / r**ZIPF_S, as in natural text: a few very common
words and a long tail of rare ones. Two words are placed for the search benchmark: COMMON_WORD at the rank
that puts it in ~10 % of the sessions, and RARE_WORD, weighted as rank 33,000 would be, so that it occurs
in ~10 records at scale 1 (and about 4x as many at scale 4).
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect

VOCABULARY_SIZE = 12_000
ZIPF_S = 1.1
COMMON_WORD = "delegation"
COMMON_RANK = 125  # p ≈ 7e-4 per word: in ~10 % of 150-word session notes
RARE_WORD = "sabbatical"
RARE_RANK = 33_000  # weighted as that rank (past the vocabulary's end): ~10 records among scale 1's ~5M words


def split_words(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS = split_words("""
the a to of and in for with on about we they she he it was is be that this not but as at by from have had
will would can could should our their his her my your me them us i you so if then than more most also just
""")
TOPIC_WORDS = split_words("""
feedback goal plan project team review meeting talk career growth skills confidence code design architecture
stakeholder roadmap priority deadline estimate risk quality testing release incident retro learning reading
course conference speaking writing presentation leadership coaching hiring interview onboarding budget promotion
salary conflict trust communication listening question answer decision tradeoff scope customer product data
analytics migration performance latency database cloud security privacy compliance process agile sprint kanban
backlog story ticket bug fix refactor cleanup documentation handover ownership autonomy motivation energy balance
stress vacation focus habits next week month quarter year manager peer mentor mentee sponsor network visibility
influence negotiation boundaries burnout workload delegate prioritise calendar notes proposal strategy vision
mission values culture diversity inclusion belonging recognition praise criticism mistake lesson experiment
prototype pilot launch metrics objectives results milestone progress blocker dependency escalation alignment
consensus ownership accountability commitment follow-up checkin one-on-one agenda minutes summary draft outline
abstract paper talkshop workshop meetup community opensource contribution maintainer reviewer approval merge branch
deploy rollout rollback monitoring alerting oncall postmortem runbook playbook standup demo showcase portfolio
resume linkedin certification exam study practice drill kata pairing mobbing shadowing rotation secondment
relocation remote hybrid office commute family health sleep exercise reading podcast book chapter article blog
newsletter audience storytelling slides whiteboard diagram sketch mockup wireframe usability accessibility
research survey interviewuser persona journey funnel retention churn revenue pricing margin forecast hiringplan
headcount reorg transition succession handoff exit onboardingplan probation appraisal calibration rubric level
ladder staff principal architect lead director vp cto founder startup enterprise consulting freelance contract
""")
TAG_WORDS = split_words("""
career feedback speaking writing leadership hiring architecture confidence conflict promotion learning reading
health balance stakeholders planning review retro oncall security data design testing coaching networking
negotiation delegation visibility boundaries burnout strategy
""")
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["ar", "en", "il", "on", "ur", "ish", "ex", "ol"]


def _pseudo_words(count: int, taken: set[str]) -> list[str]:
    rng = random.Random(1729)
    found: list[str] = []
    while len(found) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
        if word not in taken:
            taken.add(word)
            found.append(word)
    return found


def _vocabulary() -> list[str]:
    real = list(dict.fromkeys(FUNCTION_WORDS + [w for w in TOPIC_WORDS if w not in (COMMON_WORD, RARE_WORD)]))
    tail = _pseudo_words(VOCABULARY_SIZE - len(real) - 2, {*real, COMMON_WORD, RARE_WORD, *TAG_WORDS})
    ranked = real + tail
    ranked.insert(COMMON_RANK - 1, COMMON_WORD)
    return [*ranked, RARE_WORD]


VOCABULARY = _vocabulary()
WEIGHTS = [*(1 / rank**ZIPF_S for rank in range(1, VOCABULARY_SIZE)), 1 / RARE_RANK**ZIPF_S]
CUMULATIVE = list(itertools.accumulate(WEIGHTS))
TAG_CUMULATIVE = list(itertools.accumulate(1 / rank for rank in range(1, len(TAG_WORDS) + 1)))


class Writer:
    """Deterministic text from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._total = CUMULATIVE[-1]

    def words(self, count: int) -> list[str]:
        random_ = self.rng.random
        total, cumulative, vocabulary = self._total, CUMULATIVE, VOCABULARY
        return [vocabulary[bisect(cumulative, random_() * total)] for _ in range(count)]

    def text(self, count: int) -> str:
        """COUNT words as sentences of 6-18 words, each starting with a capital and ending with a full stop."""
        chosen = self.words(count)
        sentences = []
        start = 0
        while start < len(chosen):
            end = start + self.rng.randint(6, 18)
            sentence = " ".join(chosen[start:end])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            start = end
        return " ".join(sentences)

    def title(self) -> str:
        return " ".join(self.rng.choices(TOPIC_WORDS, k=self.rng.randint(3, 5))).capitalize()

    def tags(self, count: int) -> list[str]:
        return list(dict.fromkeys(self.rng.choices(TAG_WORDS, cum_weights=TAG_CUMULATIVE, k=count)))
