/**
 * The consensus model behind labeler trust, fitted by EM: Bradley–Terry scores for the
 * datapoints and, per labeler, a two-coin confusion model of how its answers relate to
 * them.
 *
 * Model. A pair (i shown left, j shown right) has a better side s, left with probability
 * p = σ(θᵢ − θⱼ) (Bradley & Terry 1952, natural-log strengths θ). Labeler k answers
 * 'left' with probability αₖ when s is left and 'right' with probability βₖ when s is
 * right: P(left) = p·αₖ + (1 − p)(1 − βₖ). This is the Crowd-BT model of Chen, Bennett,
 * Collins-Thompson and Horvitz ("Pairwise ranking aggregation in a crowdsourced setting",
 * WSDM 2013; their model of annotator quality: labeler k follows Bradley–Terry with
 * probability ηₖ and reverses it otherwise), which is the case αₖ = βₖ = ηₖ, with the
 * two coins of Raykar et al. ("Learning from crowds", JMLR 11, 2010; the two-class model
 * with each annotator's sensitivity α and specificity β) in place of one, so a labeler
 * who clicks one side is its own kind (α = 1, β = 0) rather than a
 * labeler of η = ½ that answers far too often on one side. With tₖ = αₖ + βₖ − 1,
 * P(left) = (1 − βₖ) + tₖ·p: the labeler follows the pair with probability tₖ and clicks
 * left or right otherwise (tₖ < 0: against the pair). tₖ is the trust reported.
 * Each αₖ and βₖ has a Beta(a, b) prior, the scores an L2 prior (scorePrior / 2)·Σθ².
 * A draw counts as half an answer each way, as in the Bradley–Terry fits. Validation
 * answers are answers whose s is known.
 *
 * Fit. EM for the posterior mode (Dempster, Laird and Rubin, JRSS B 39, 1977), as
 * Dawid and Skene fit their confusion matrices ("Maximum likelihood estimation of
 * observer error-rates using the EM algorithm", Applied Statistics 28(1), 1979), with
 * the true side s of each response as the missing data:
 * - E-step: qᵣ = P(s = left | answer, θ, α, β) for every response;
 * - M-step: αₖ, βₖ in closed form from the expected counts plus the prior; θ by the
 *   library's penalised Newton fit of Bradley–Terry to the soft outcomes (a response
 *   counts qᵣ as a left win and 1 − qᵣ as a right win), warm-started.
 * It starts from the unweighted fit and α = β = ½ (so the first E-step's qᵣ is the
 * consensus p), which puts it in the mode where most labelers agree with the consensus,
 * not in its mirror image (every score and coin reversed), which fits as well.
 * Every step raises the log posterior, so it converges (to a local mode). SQUAREM
 * extrapolation (see {@link fitLabelerConfusion}) cuts the steps about threefold.
 * @internal
 * @module
 */
import { resolveBradleyTerryOptions } from '../bradleyTerry/resolveBradleyTerryOptions.js';
import { fitScores, pairLayout } from './consensusScores.js';
import { DRAW, LEFT, RIGHT, type ResolvedTrustOptions, type TrustData } from './readTrustInput.js';
import { squaremPoint, type EmState } from './squarem.js';

/** What the fit found. @internal */
export interface ConfusionFit {
  /** Scores (natural-log strengths) per job-wide datapoint number. */
  readonly theta: Float64Array;
  /** αₖ: P(answer left | left is better), posterior mode, per labeler. */
  readonly leftAccuracy: Float64Array;
  /** βₖ: P(answer right | right is better), posterior mode, per labeler. */
  readonly rightAccuracy: Float64Array;
  /** The posterior's observed information about (αₖ, βₖ) given θ: the αα entry per labeler. */
  readonly information11: Float64Array;
  /** The αβ entry. */
  readonly information12: Float64Array;
  /** The ββ entry. */
  readonly information22: Float64Array;
  /** Log posterior at the end (up to a constant), for tests. */
  readonly logPosterior: number;
  /** EM steps taken. */
  readonly iterations: number;
  /** Whether the last step moved every parameter by at most the tolerance. */
  readonly converged: boolean;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * Fits the model of the module header. EM is accelerated by SQUAREM (Varadhan and
 * Roland, "Simple and globally convergent methods for accelerating the convergence of
 * any EM algorithm", Scand. J. Statist. 35(2), 2008, scheme S3): two EM steps give the
 * direction and the step length, the extrapolated point (coins in logit space, so they
 * stay in (0, 1)) takes one more EM step, and it is kept only if the log posterior is
 * at least that of the plain two steps, so every cycle still raises it. `iterations`
 * counts EM steps. O(iterations × (responses + the Bradley–Terry fits)).
 * @param useGold - Whether validation answers inform α and β.
 * @internal
 */
export function fitLabelerConfusion(data: TrustData, options: ResolvedTrustOptions, useGold: boolean): ConfusionFit {
  const responses = data.answer.length;
  const labelers = data.labelerCount;
  const layout = pairLayout(data);
  const pairs = layout.pairLow.length;
  const bradleyTerryOptions = resolveBradleyTerryOptions({ prior: options.scorePrior });
  const lowWins = new Float64Array(pairs);
  const highWins = new Float64Array(pairs);
  // Expected counts per labeler: α's successes and trials, β's successes and trials.
  const alphaHits = new Float64Array(labelers);
  const alphaTrials = new Float64Array(labelers);
  const betaHits = new Float64Array(labelers);
  const betaTrials = new Float64Array(labelers);
  const q = new Float64Array(responses);
  const { priorA, priorB } = options;
  const gold = goldCounts(data, useGold);

  const spreadSoftWins = (): void => {
    lowWins.fill(0);
    highWins.fill(0);
    for (let r = 0; r < responses; r++) {
      const pair = layout.responsePair[r]!;
      const leftWin = q[r]!;
      if (layout.lowIsLeft[r] === 1) {
        lowWins[pair]! += leftWin;
        highWins[pair]! += 1 - leftWin;
      } else {
        lowWins[pair]! += 1 - leftWin;
        highWins[pair]! += leftWin;
      }
    }
  };
  // One EM step from `from`: the E-step, then both M-steps.
  const emStep = (from: EmState): EmState => {
    const { theta, alpha, beta } = from;
    alphaHits.fill(0);
    alphaTrials.fill(0);
    betaHits.fill(0);
    betaTrials.fill(0);
    for (let r = 0; r < responses; r++) {
      const k = data.labelerOf[r]!;
      const p = sigmoid(theta[data.leftOf[r]!]! - theta[data.rightOf[r]!]!);
      const a = alpha[k]!;
      const b = beta[k]!;
      // Posterior that the left side is better, after a 'left' and after a 'right' answer.
      const afterLeft = (p * a) / (p * a + (1 - p) * (1 - b));
      const afterRight = (p * (1 - a)) / (p * (1 - a) + (1 - p) * b);
      const answer = data.answer[r]!;
      const share = answer === DRAW ? 0.5 : 1;
      if (answer !== RIGHT) {
        // A 'left' answer (or half a draw).
        alphaHits[k]! += share * afterLeft;
        alphaTrials[k]! += share * afterLeft;
        betaTrials[k]! += share * (1 - afterLeft);
      }
      if (answer !== LEFT) {
        // A 'right' answer (or the other half of a draw).
        alphaTrials[k]! += share * afterRight;
        betaHits[k]! += share * (1 - afterRight);
        betaTrials[k]! += share * (1 - afterRight);
      }
      q[r] = answer === LEFT ? afterLeft : answer === DRAW ? 0.5 * (afterLeft + afterRight) : afterRight;
    }
    // The coins: the mode of Beta(a + hits, b + misses), validation answers included.
    const nextAlpha = new Float64Array(labelers);
    const nextBeta = new Float64Array(labelers);
    for (let k = 0; k < labelers; k++) {
      nextAlpha[k] = (priorA - 1 + alphaHits[k]! + gold.alphaHits[k]!) / (priorA + priorB - 2 + alphaTrials[k]! + gold.alphaTrials[k]!);
      nextBeta[k] = (priorA - 1 + betaHits[k]! + gold.betaHits[k]!) / (priorA + priorB - 2 + betaTrials[k]! + gold.betaTrials[k]!);
    }
    const nextTheta = theta.slice();
    spreadSoftWins();
    fitScores(data, layout, lowWins, highWins, nextTheta, bradleyTerryOptions);
    return { theta: nextTheta, alpha: nextAlpha, beta: nextBeta };
  };
  const value = (state: EmState): number => logPosteriorAt(data, options, gold, state);

  // Start: the unweighted fit of the raw answers, and coins of ½, so the first E-step's posterior is the consensus.
  for (let r = 0; r < responses; r++) q[r] = data.answer[r] === LEFT ? 1 : data.answer[r] === DRAW ? 0.5 : 0;
  spreadSoftWins();
  const startTheta = new Float64Array(data.datapointIds.length);
  fitScores(data, layout, lowWins, highWins, startTheta, bradleyTerryOptions);
  let current: EmState = { theta: startTheta, alpha: new Float64Array(labelers).fill(0.5), beta: new Float64Array(labelers).fill(0.5) };

  let iterations = 0;
  let converged = responses === 0;
  const step = (from: EmState): EmState => {
    iterations++;
    const next = emStep(from);
    if (largestMove(from, next) <= options.tolerance) converged = true;
    return next;
  };
  while (!converged && iterations < options.maxIterations) {
    const first = step(current);
    if (converged || iterations === options.maxIterations) {
      current = first;
      break;
    }
    const second = step(first);
    if (converged || iterations === options.maxIterations) {
      current = second;
      break;
    }
    const extrapolated = squaremPoint(current, first, second);
    if (extrapolated === null) {
      current = second;
      continue;
    }
    const third = step(extrapolated);
    // Kept only if no worse than plain EM; a converged step from the extrapolated point counts only then.
    if (value(third) >= value(second)) {
      current = third;
    } else {
      current = second;
      converged = false;
    }
  }
  return {
    theta: current.theta,
    leftAccuracy: current.alpha,
    rightAccuracy: current.beta,
    ...observedInformation(data, options, gold, current),
    iterations,
    converged,
  };
}

// Validation answers as counts of the coins' hits and trials (zeros when they do not inform them).
interface GoldCounts {
  readonly alphaHits: Float64Array;
  readonly alphaTrials: Float64Array;
  readonly betaHits: Float64Array;
  readonly betaTrials: Float64Array;
}

function goldCounts(data: TrustData, useGold: boolean): GoldCounts {
  const labelers = data.labelerCount;
  const counts = {
    alphaHits: new Float64Array(labelers),
    alphaTrials: new Float64Array(labelers),
    betaHits: new Float64Array(labelers),
    betaTrials: new Float64Array(labelers),
  };
  if (!useGold) return counts;
  for (let k = 0; k < labelers; k++) {
    counts.alphaHits[k] = data.goldLeftRight[k]!;
    counts.alphaTrials[k] = data.goldLeftRight[k]! + data.goldLeftWrong[k]!;
    counts.betaHits[k] = data.goldRightRight[k]!;
    counts.betaTrials[k] = data.goldRightRight[k]! + data.goldRightWrong[k]!;
  }
  return counts;
}

function largestMove(from: EmState, to: EmState): number {
  let largest = 0;
  for (let k = 0; k < from.alpha.length; k++) {
    largest = Math.max(largest, Math.abs(to.alpha[k]! - from.alpha[k]!), Math.abs(to.beta[k]! - from.beta[k]!));
  }
  for (let i = 0; i < from.theta.length; i++) largest = Math.max(largest, Math.abs(to.theta[i]! - from.theta[i]!));
  return largest;
}

// The log posterior (up to a constant) at a state: responses, validation answers, the priors.
function logPosteriorAt(data: TrustData, options: ResolvedTrustOptions, gold: GoldCounts, state: EmState): number {
  return observedInformation(data, options, gold, state).logPosterior;
}

/**
 * The observed information about each labeler's (α, β) at the fit, with θ held fixed,
 * and the log posterior. P(answer) is linear in (α, β), so a response adds g·gᵀ with
 * g = ∇P(answer) / P(answer); the Beta priors and the validation answers add their
 * curvature to the diagonal. O(responses + labelers).
 */
function observedInformation(
  data: TrustData,
  options: ResolvedTrustOptions,
  gold: GoldCounts,
  state: EmState,
): Pick<ConfusionFit, 'information11' | 'information12' | 'information22' | 'logPosterior'> {
  const { theta, alpha, beta } = state;
  const labelers = data.labelerCount;
  const information11 = new Float64Array(labelers);
  const information12 = new Float64Array(labelers);
  const information22 = new Float64Array(labelers);
  let logPosterior = 0;
  for (let r = 0; r < data.answer.length; r++) {
    const k = data.labelerOf[r]!;
    const p = sigmoid(theta[data.leftOf[r]!]! - theta[data.rightOf[r]!]!);
    const leftChance = p * alpha[k]! + (1 - p) * (1 - beta[k]!);
    const answer = data.answer[r]!;
    const share = answer === DRAW ? 0.5 : 1;
    // ∇ P(left) = (p, −(1 − p)); ∇ P(right) is its negative, so g·gᵀ differs only in the denominator.
    if (answer !== RIGHT) {
      const scale = share / (leftChance * leftChance);
      information11[k]! += scale * p * p;
      information12[k]! -= scale * p * (1 - p);
      information22[k]! += scale * (1 - p) * (1 - p);
      logPosterior += share * Math.log(leftChance);
    }
    if (answer !== LEFT) {
      const rightChance = 1 - leftChance;
      const scale = share / (rightChance * rightChance);
      information11[k]! += scale * p * p;
      information12[k]! -= scale * p * (1 - p);
      information22[k]! += scale * (1 - p) * (1 - p);
      logPosterior += share * Math.log(rightChance);
    }
  }
  const { priorA, priorB } = options;
  for (let k = 0; k < labelers; k++) {
    const a = alpha[k]!;
    const b = beta[k]!;
    const alphaHits = priorA - 1 + gold.alphaHits[k]!;
    const alphaMisses = priorB - 1 + gold.alphaTrials[k]! - gold.alphaHits[k]!;
    const betaHits = priorA - 1 + gold.betaHits[k]!;
    const betaMisses = priorB - 1 + gold.betaTrials[k]! - gold.betaHits[k]!;
    information11[k]! += alphaHits / (a * a) + alphaMisses / ((1 - a) * (1 - a));
    information22[k]! += betaHits / (b * b) + betaMisses / ((1 - b) * (1 - b));
    logPosterior += alphaHits * Math.log(a) + alphaMisses * Math.log1p(-a) + betaHits * Math.log(b) + betaMisses * Math.log1p(-b);
  }
  let squares = 0;
  for (let i = 0; i < theta.length; i++) squares += theta[i]! * theta[i]!;
  logPosterior -= (options.scorePrior / 2) * squares;
  return { information11, information12, information22, logPosterior };
}
