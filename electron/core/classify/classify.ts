// One decision per document from the two layers. The rules give a distribution from their
// scores; the learned model gives its posterior; the mix trusts the model more as it has seen
// more confirmed documents. Below the threshold the document is "needs review" with the top
// candidates: the desk never assigns a doubtful type silently.
import {
  DOCUMENT_TYPES,
  type Candidate,
  type Classification,
  type DocumentType,
} from '../../../shared/classification';
import { linesOf, type TextLine } from './extract';
import type { NaiveBayes } from './model';
import { applyRulesToLines, type RuleResult } from './rules';

export interface ClassifyOptions {
  /** The learned layer; omitted for rules only. */
  model?: NaiveBayes;
  /** Below this confidence the document needs review (default 0.6). */
  threshold?: number;
}

export const DEFAULT_THRESHOLD = 0.6;

/** No evidence for any type: the document waits for the clerk. */
export const NO_DECISION: Readonly<Classification> = {
  type: null,
  confidence: 0,
  needsReview: true,
  candidates: [],
  source: 'none',
  evidence: [],
};
/** Confirmed documents at which the model weighs as much as the rules. */
const MODEL_HALF_WEIGHT_DOCS = 24;
/** A rule score at which the rules are fully sure of themselves (a title plus a keyword). */
const RULES_FULL_SCORE = 7;
/** Rule score above RULES_FULL_SCORE at which the header alone decides (title 6 + code 5). */
const DECLARED_SPAN = 4;

export function classifyText(text: string, options: ClassifyOptions = {}): Classification {
  return classifyLines(linesOf(text), options).classification;
}

/**
 * The decision for a page given as lines (with their boxes when the reader gave them, so the
 * header's columns are seen as a reader sees them), and the rules' view of the page, which
 * metadata extraction reuses.
 */
export function classifyLines(
  lines: readonly TextLine[],
  options: ClassifyOptions & { pageWidth?: number } = {},
): { classification: Classification; rules: RuleResult } {
  const rules = applyRulesToLines(lines, options.pageWidth);
  const text = lines.map((l) => l.text).join('\n');
  return { classification: decide(text, rules, options), rules };
}

function decide(text: string, rules: RuleResult, options: ClassifyOptions): Classification {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const ruleTotal = [...rules.scores.values()].reduce((s, x) => s + x, 0);
  const ruleTop = Math.max(0, ...rules.scores.values());
  // The rules' own certainty: how strong the best evidence is.
  const ruleStrength = Math.min(1, ruleTop / RULES_FULL_SCORE);
  const posterior = options.model?.predict(text) ?? [];
  const n = options.model?.documentCount ?? 0;
  // A header that declares its type twice over (a title and the notation's code, or the V/v
  // block and an issuer-only notation) is what the issuer says the document is: the learned
  // layer, which reads the body's words, has less and less to say as that evidence grows.
  const declared = Math.min(1, Math.max(0, (ruleTop - RULES_FULL_SCORE) / DECLARED_SPAN));
  const modelWeight = posterior.length ? (n / (n + MODEL_HALF_WEIGHT_DOCS)) * (1 - declared) : 0;
  const ruleWeight =
    ruleTotal > 0 ? (1 - modelWeight) * (0.5 + ruleStrength / 2) + modelWeight * ruleStrength : 0;

  const mix = new Map<DocumentType, number>();
  for (const type of DOCUMENT_TYPES) {
    const r = ruleTotal > 0 ? (rules.scores.get(type) ?? 0) / ruleTotal : 0;
    const m = posterior.find((p) => p.type === type)?.p ?? 0;
    mix.set(type, ruleWeight * r + modelWeight * m);
  }
  const weight = ruleWeight + modelWeight;
  const candidates: Candidate[] = [...mix.entries()]
    .map(([type, s]) => ({ type, score: weight > 0 ? s / weight : 0 }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  const best = candidates[0];
  if (!best) return { ...NO_DECISION };
  // Confidence: the best candidate's share, scaled by how much evidence there is at all.
  const support = Math.min(1, ruleStrength + modelWeight * 1.5);
  const confidence = Math.round(best.score * support * 1000) / 1000;
  const ruleBest = [...rules.scores.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const modelBest = posterior[0]?.type;
  const source: Classification['source'] =
    ruleBest && modelBest
      ? ruleBest === modelBest
        ? 'rules+model'
        : best.type === modelBest
          ? 'model'
          : 'rules'
      : ruleBest
        ? 'rules'
        : 'model';
  const needsReview = confidence < threshold;
  return {
    type: needsReview ? null : best.type,
    confidence,
    needsReview,
    candidates,
    source,
    evidence: rules.evidence.get(best.type) ?? [],
  };
}
