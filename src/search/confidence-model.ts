/**
 * The calibrated confidence: a logistic regression over {@link ConfidenceFeatures}, fitted by
 * `scripts/fit-confidence.ts` on dev splits (leave-documents-out runs of the shared benchmark and the
 * official-style dev set) and stored in `confidence-coefficients.ts`. Its output is the estimated
 * probability that the best source answers the question; the answer layer answers at or above the
 * stored threshold (chosen on the fitting split for precision). See `src/search/README.md`.
 */
import { FEATURE_NAMES } from './confidence-features.js';
import type { ConfidenceFeatures } from './confidence-features.js';
import { CONFIDENCE_COEFFICIENTS } from './confidence-coefficients.js';

/** Serialised model, as the fitting script writes it. */
export interface ConfidenceModelData {
  /** Feature names in the order of `mean`, `scale` and `weights`. */
  features: string[];
  /** Standardisation of each feature: z = (x − mean) / scale. */
  mean: number[];
  scale: number[];
  /** Logistic weights on the standardised features. */
  weights: number[];
  intercept: number;
  /** Probability at or above which the bot answers. */
  threshold: number;
  /** How and on what it was fitted, for the record (not used at run time). */
  fitted: Record<string, unknown>;
}

/** A fitted logistic model; {@link probability} is the calibrated confidence. */
export class ConfidenceModel {
  private readonly index: number[];

  constructor(readonly data: ConfidenceModelData) {
    this.index = data.features.map((name) => {
      const i = FEATURE_NAMES.indexOf(name as keyof ConfidenceFeatures);
      if (i < 0) throw new Error(`confidence model uses an unknown feature "${name}"`);
      return i;
    });
  }

  /** Answer at or above this probability. */
  get threshold(): number {
    return this.data.threshold;
  }

  /** Estimated probability that the best source answers the question, rounded to 4 decimals. */
  probability(f: ConfidenceFeatures): number {
    const { mean, scale, weights, intercept } = this.data;
    let z = intercept;
    this.index.forEach((fi, k) => {
      const x = f[FEATURE_NAMES[fi]];
      z += weights[k] * ((x - mean[k]) / (scale[k] || 1));
    });
    return Number((1 / (1 + Math.exp(-z))).toFixed(4));
  }

  /** Each feature's contribution to the log-odds (for explaining one decision in logs and the staff console). */
  contributions(f: ConfidenceFeatures): Record<string, number> {
    const out: Record<string, number> = {};
    this.index.forEach((fi, k) => {
      const name = FEATURE_NAMES[fi];
      out[name] = Number((this.data.weights[k] * ((f[name] - this.data.mean[k]) / (this.data.scale[k] || 1))).toFixed(3));
    });
    return out;
  }
}

/** The model shipped with the bot. */
export const DEFAULT_CONFIDENCE_MODEL = new ConfidenceModel(CONFIDENCE_COEFFICIENTS);
