/**
 * The web labelling page: a preview, then one matchup at a time until the budget is
 * spent, then the Bradley–Terry ranking with downloads. The job lives in memory and in
 * localStorage (its snapshot, rewritten after every change), so a reload continues
 * exactly where it stopped.
 * @module
 */
import {
  LIBRARY_VERSION,
  createRankingJob,
  createRankingJobDefinition,
  restoreRankingJob,
  type Matchup,
  type Outcome,
  type RankingJob,
} from 'pairwise-elo';
import { ALLOW_DRAWS, CONFIDENCE, DEFAULT_SEED, JOB_INPUT, RABBITS, storageKey, type Rabbit } from './config.js';
import { comparisonsCsv, resultsDocument } from './downloads.js';
import { clearSavedJob, loadSavedJob, parseSavedJob, savedJob, storeSavedJob, type SavedJob } from './storage.js';

type PageState = 'loading' | 'preview' | 'labelling' | 'done' | 'error';

const definition = createRankingJobDefinition(JOB_INPUT);
const seed = new URLSearchParams(location.search).get('seed') || DEFAULT_SEED;
const key = storageKey(seed);
const rabbitById = new Map(RABBITS.map((rabbit) => [rabbit.id, rabbit]));
// The pair the preview shows: two real datapoints, no matchup issued, nothing recorded.
const PREVIEW_PAIR = [RABBITS[0]!, RABBITS[1]!] as const;

const KEYS: Readonly<Record<string, Outcome>> = {
  ArrowLeft: 'left',
  '1': 'left',
  ArrowRight: 'right',
  '2': 'right',
  ArrowDown: 'draw',
  '0': 'draw',
};

let state: PageState = 'loading';
let job: RankingJob | null = null;
let labelerId = '';
let current: Matchup | null = null;
let objectUrls: string[] = [];

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} is missing from index.html`);
  return found as T;
}

const app = element('app');
const ui = {
  task: element('task'),
  previewBanner: element('preview-banner'),
  previewNote: element('preview-note'),
  previewActions: element('preview-actions'),
  start: element<HTMLButtonElement>('start'),
  progressBlock: element('progress-block'),
  progress: element<HTMLProgressElement>('progress'),
  progressCurrent: element('progress-current'),
  progressBudget: element('progress-budget'),
  progressCompleted: element('progress-completed'),
  instruction: element('instruction'),
  left: element<HTMLButtonElement>('choose-left'),
  right: element<HTMLButtonElement>('choose-right'),
  draw: element<HTMLButtonElement>('choose-draw'),
  leftImage: element<HTMLImageElement>('left-image'),
  rightImage: element<HTMLImageElement>('right-image'),
  leftName: element('left-name'),
  rightName: element('right-name'),
  results: element('results'),
  resultsSummary: element('results-summary'),
  resultsCaption: element('results-caption'),
  resultsBody: element('results-table').querySelector('tbody')!,
  downloadCsv: element<HTMLAnchorElement>('download-csv'),
  downloadJson: element<HTMLAnchorElement>('download-json'),
  error: element('error'),
  errorMessage: element('error-message'),
  warning: element('warning'),
  status: element('status'),
  footer: element('footer'),
  hint: element('hint'),
  startOver: element<HTMLButtonElement>('start-over'),
  confirmStartOver: element('confirm-start-over'),
  confirmText: element('confirm-text'),
  confirmDiscard: element<HTMLButtonElement>('confirm-discard'),
  cancelDiscard: element<HTMLButtonElement>('cancel-discard'),
};

function rabbit(id: string): Rabbit {
  const found = rabbitById.get(id);
  if (found === undefined) throw new Error(`no image for datapoint ${id}`);
  return found;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function setState(next: PageState): void {
  state = next;
  app.dataset['state'] = next;
  app.setAttribute('aria-busy', 'false');
  ui.task.hidden = next !== 'preview' && next !== 'labelling';
  ui.previewBanner.hidden = next !== 'preview';
  ui.previewActions.hidden = next !== 'preview';
  ui.previewNote.hidden = true;
  ui.progressBlock.hidden = next !== 'labelling';
  ui.results.hidden = next !== 'done';
  ui.error.hidden = next !== 'error';
  ui.footer.hidden = next === 'loading';
  ui.hint.hidden = next !== 'labelling' && next !== 'preview';
  ui.startOver.parentElement!.hidden = next === 'preview' || next === 'loading';
  hideConfirm();
  element('seed').textContent = seed;
  element('labeler').textContent = labelerId === '' ? '(assigned at start)' : labelerId;
}

function showPair(left: Rabbit, right: Rabbit): void {
  const sides = [
    [ui.left, ui.leftImage, ui.leftName, left, 'left'],
    [ui.right, ui.rightImage, ui.rightName, right, 'right'],
  ] as const;
  for (const [button, image, name, shown, side] of sides) {
    image.src = shown.image;
    image.alt = `Rabbit ${shown.id}`;
    name.textContent = shown.name;
    button.setAttribute('aria-label', `Choose the ${side} rabbit, ${shown.name}`);
    // Replay the fade-in so a new pair is noticed even when one image stays the same.
    image.classList.remove('fresh');
    void image.offsetWidth;
    image.classList.add('fresh');
  }
  app.dataset['leftId'] = left.id;
  app.dataset['rightId'] = right.id;
}

function showPreview(): void {
  job = null;
  current = null;
  labelerId = '';
  setState('preview');
  showPair(...PREVIEW_PAIR);
  app.dataset['matchupId'] = '';
  app.dataset['completed'] = '0';
  app.dataset['budget'] = String(definition.comparisonBudgetPerRanking);
  ui.start.focus();
}

function showMatchup(matchup: Matchup): void {
  const progress = job!.progress();
  current = matchup;
  if (state !== 'labelling') setState('labelling');
  showPair(rabbit(matchup.left), rabbit(matchup.right));
  app.dataset['matchupId'] = matchup.id;
  app.dataset['completed'] = String(progress.completed);
  app.dataset['budget'] = String(progress.budget);
  ui.progress.max = progress.budget;
  ui.progress.value = progress.completed;
  ui.progress.textContent = `${progress.completed} of ${progress.budget}`;
  ui.progressCurrent.textContent = String(progress.completed + 1);
  ui.progressBudget.textContent = String(progress.budget);
  ui.progressCompleted.textContent = String(progress.completed);
}

/** The matchup to show: one already issued and unanswered (after a reload), else a new one. */
function nextMatchup(activeJob: RankingJob): { matchup: Matchup | null; issued: boolean } {
  const [pending] = activeJob.pendingMatchups();
  if (pending !== undefined) return { matchup: pending, issued: false };
  const [fresh] = activeJob.nextMatchups(1);
  return { matchup: fresh ?? null, issued: fresh !== undefined };
}

function persist(): void {
  if (job === null) return;
  try {
    storeSavedJob(key, savedJob(seed, labelerId, job.snapshot()));
    ui.warning.hidden = true;
  } catch (error) {
    ui.warning.textContent = `Your answers cannot be saved in this browser (${messageOf(error)}); a reload would lose them.`;
    ui.warning.hidden = false;
  }
}

/** Shows what comes next for the job in memory, issuing (and first storing) a matchup if needed. */
function advance(storeFirst: boolean): void {
  const activeJob = job!;
  if (activeJob.done) {
    if (storeFirst) persist();
    showResults();
    return;
  }
  const { matchup, issued } = nextMatchup(activeJob);
  // Store before showing: a matchup on screen is always one the stored job knows as pending.
  if (storeFirst || issued) persist();
  if (matchup === null) {
    showError(`the job has no matchup to show and is not done (${JSON.stringify(activeJob.progress())})`);
    return;
  }
  showMatchup(matchup);
}

function adopt(entry: SavedJob): void {
  if (entry.seed !== seed) throw new Error(`the saved job ran with seed ${entry.seed}, this page with ${seed}`);
  const restored = restoreRankingJob(entry.snapshot);
  if (JSON.stringify(restored.definition) !== JSON.stringify(definition)) {
    throw new Error('the saved job has another definition than this page (the page changed since)');
  }
  job = restored;
  labelerId = entry.labelerId;
  setState(job.done ? 'done' : 'labelling');
}

function showError(message: string): void {
  job = null;
  current = null;
  setState('error');
  ui.errorMessage.textContent = message;
}

function newLabelerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `labeler-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function start(): void {
  if (state !== 'preview') return;
  job = createRankingJob(definition, { seed });
  labelerId = newLabelerId();
  setState('labelling');
  advance(true);
  announce(`Started. Comparison 1 of ${definition.comparisonBudgetPerRanking}.`);
  ui.instruction.focus({ preventScroll: true });
}

function announce(text: string): void {
  ui.status.textContent = text;
}

function choose(outcome: Outcome): void {
  if (outcome === 'draw' && !ALLOW_DRAWS) return;
  if (state === 'preview') {
    const said = outcome === 'draw' ? 'equally cool' : `the ${outcome} rabbit`;
    ui.previewNote.textContent = `Preview: you chose ${said}. Nothing was recorded; press “Start labelling” to begin.`;
    ui.previewNote.hidden = false;
    return;
  }
  if (state !== 'labelling' || job === null || current === null) return;
  const matchup = current;
  try {
    // One response per labeler and matchup: the labeler's id is the response id, so a
    // repeated delivery of the same answer is ignored by the job.
    job.recordResponse(matchup.id, outcome, { responseId: labelerId, labelerId });
  } catch (error) {
    // The matchup is no longer pending here (answered in another tab): take the stored job.
    reloadFromStorage(`That comparison was already answered elsewhere (${messageOf(error)}).`);
    return;
  }
  advance(true);
  // A new question: leave no focus ring on a side, which would read as a preselected answer.
  if (document.activeElement === ui.left || document.activeElement === ui.right || document.activeElement === ui.draw) {
    ui.instruction.focus({ preventScroll: true });
  }
  const progress = job.progress();
  announce(
    job.done
      ? 'Answer saved. All comparisons are done; the results are below.'
      : `Answer saved. Comparison ${progress.completed + 1} of ${progress.budget}.`,
  );
}

function formatScore(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(0);
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className !== undefined) td.className = className;
  return td;
}

function downloadUrl(anchor: HTMLAnchorElement, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  objectUrls.push(url);
  anchor.href = url;
}

function revokeDownloads(): void {
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
  ui.downloadCsv.removeAttribute('href');
  ui.downloadJson.removeAttribute('href');
}

function showResults(): void {
  const activeJob = job!;
  current = null;
  setState('done');
  const progress = activeJob.progress();
  app.dataset['matchupId'] = '';
  app.dataset['completed'] = String(progress.completed);
  app.dataset['budget'] = String(progress.budget);
  const [ranking] = activeJob.results({ scorer: 'bradleyTerry', intervals: true, confidence: CONFIDENCE });
  const percent = `${Math.round(CONFIDENCE * 100)}%`;
  ui.resultsSummary.textContent =
    `${ranking!.comparisons} comparisons by ${labelerId}. Scores are a Bradley–Terry fit on the Elo scale ` +
    `(${definition.elo.initialRating} is average; ${definition.elo.scale} points mean 10:1 odds), with ${percent} confidence intervals.`;
  ui.resultsCaption.textContent = `${definition.instruction} Best first.`;
  const rows = ranking!.entries.map((entry) => {
    const shown = rabbit(entry.datapoint);
    const row = document.createElement('tr');
    row.dataset['datapoint'] = entry.datapoint;
    row.append(cell(String(entry.rank), 'rank'));
    const imageCell = document.createElement('td');
    const thumb = document.createElement('img');
    thumb.src = shown.image;
    thumb.alt = `Rabbit ${entry.datapoint}`;
    thumb.width = 56;
    thumb.height = 56;
    thumb.className = 'thumb';
    imageCell.append(thumb);
    row.append(imageCell);
    const idCell = document.createElement('td');
    const link = document.createElement('a');
    link.href = entry.datapoint;
    link.textContent = shown.name;
    link.className = 'datapoint';
    idCell.append(link);
    row.append(idCell);
    row.append(cell(formatScore(entry.score), 'num score'));
    row.append(cell(`${formatScore(entry.lower)} to ${formatScore(entry.upper)}`, 'num interval'));
    row.append(cell(entry.bestRank === entry.worstRank ? `${entry.bestRank}` : `${entry.bestRank}–${entry.worstRank}`, 'num rank-range'));
    row.append(cell(`${entry.wins}–${entry.draws}–${entry.losses}`, 'num record'));
    return row;
  });
  ui.resultsBody.replaceChildren(...rows);
  revokeDownloads();
  downloadUrl(ui.downloadCsv, comparisonsCsv(activeJob.comparisons({ perVote: true })), 'text/csv;charset=utf-8');
  const results = resultsDocument({
    definition,
    seed,
    labelerId,
    library: LIBRARY_VERSION,
    confidence: CONFIDENCE,
    ranking: ranking!,
    rabbitOf: (id) => rabbitById.get(id),
  });
  downloadUrl(ui.downloadJson, `${JSON.stringify(results, null, 2)}\n`, 'application/json');
}

/** Takes the job as stored (at load, or after another tab changed it) and shows what comes next. */
function reloadFromStorage(note?: string): void {
  revokeDownloads();
  let entry: SavedJob | null;
  try {
    entry = loadSavedJob(key);
  } catch (error) {
    showError(`The stored entry ${key} cannot be read: ${messageOf(error)}.`);
    return;
  }
  if (entry === null) {
    showPreview();
    return;
  }
  try {
    adopt(entry);
  } catch (error) {
    showError(`The stored job ${key} cannot be restored: ${messageOf(error)}.`);
    return;
  }
  advance(false);
  if (note !== undefined) announce(note);
}

function hideConfirm(): void {
  ui.confirmStartOver.hidden = true;
  ui.startOver.hidden = false;
}

function askStartOver(): void {
  const completed = job?.progress().completed ?? 0;
  ui.confirmText.textContent =
    completed === 0 ? 'Discard this job?' : `Discard the ${completed} saved answer${completed === 1 ? '' : 's'}?`;
  ui.startOver.hidden = true;
  ui.confirmStartOver.hidden = false;
  ui.cancelDiscard.focus();
}

function startOver(): void {
  clearSavedJob(key);
  revokeDownloads();
  ui.warning.hidden = true;
  showPreview();
  announce('Started over: the saved answers were discarded.');
}

ui.left.addEventListener('click', () => choose('left'));
ui.right.addEventListener('click', () => choose('right'));
ui.draw.addEventListener('click', () => choose('draw'));
ui.start.addEventListener('click', start);
ui.startOver.addEventListener('click', askStartOver);
ui.cancelDiscard.addEventListener('click', () => {
  hideConfirm();
  ui.startOver.focus();
});
ui.confirmDiscard.addEventListener('click', startOver);
ui.draw.hidden = !ALLOW_DRAWS;

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]') !== null) return;
  const outcome = KEYS[event.key];
  if (outcome === undefined || (state !== 'labelling' && state !== 'preview')) return;
  if (outcome === 'draw' && !ALLOW_DRAWS) return;
  event.preventDefault();
  choose(outcome);
});

// Another tab of this page wrote the same job: follow it instead of overwriting it.
window.addEventListener('storage', (event) => {
  if (event.key !== key && event.key !== null) return;
  if (event.key === key && event.newValue !== null && job !== null) {
    try {
      const entry = parseSavedJob(event.newValue);
      if (entry !== null && JSON.stringify(entry.snapshot) === JSON.stringify(job.snapshot())) return;
    } catch {
      // reloadFromStorage reports it.
    }
  }
  reloadFromStorage('This job changed in another tab; showing its current state.');
});

// Read-only view for tests and curious people: copies, never the live job.
Object.defineProperty(window, '__labelling', {
  value: Object.freeze({
    state: () => state,
    seed: () => seed,
    labelerId: () => labelerId,
    progress: () => job?.progress() ?? null,
    answers: () => job?.comparisons({ perVote: true }) ?? [],
    snapshot: () => (job === null ? null : (JSON.parse(JSON.stringify(job.snapshot())) as unknown)),
  }),
});

element('version').textContent = LIBRARY_VERSION;
for (const shown of RABBITS) new Image().src = shown.image; // warm the cache: answers show the next pair at once
reloadFromStorage();
