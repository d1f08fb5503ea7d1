/**
 * The look of a line chart, shared by its parts: page width and margins, font sizes, and
 * the colours and dash patterns that tell series apart.
 *
 * Colours: the Okabe–Ito palette (M. Okabe and K. Ito, "Color Universal Design (CUD):
 * how to make figures and presentations that are friendly to colorblind people", 2008,
 * https://jfly1.iam.u-tokyo.ac.jp/color/), without its yellow, which is too pale for a
 * line on white.
 * @internal
 * @module
 */

/**
 * Okabe–Ito without yellow, ordered so neighbours differ in hue and lightness.
 * @internal
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;
/**
 * Once the colours run out, series repeat them with these dash patterns.
 * @internal
 */
export const DASHES = ['', '7 4', '2 3', '9 3 2 3'] as const;

/** Width of the whole chart in pixels. @internal */
export const WIDTH = 900;
/** Margin around the chart's content. @internal */
export const OUTER = 16;
/** Room left of each row of panels for the rotated y label. @internal */
export const Y_LABEL_SPACE = 22;
/** Space between neighbouring panels. @internal */
export const COLUMN_GAP = 18;
/** Panels per row. @internal */
export const MAX_COLUMNS = 3;
/**
 * Plot height by number of columns: one wide panel gets a taller plot to keep its aspect.
 * @internal
 */
export const PLOT_HEIGHT = [360, 300, 250] as const;
/** Height of one row of legend entries. @internal */
export const LEGEND_ROW = 20;
/** Sans-serif fonts common on each platform, so the chart looks alike everywhere. @internal */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Font size of the chart's title. @internal */
export const TITLE_SIZE = 18;
/** Font size of the document, used by the subtitle, axis labels and legend. @internal */
export const TEXT_SIZE = 12;
/** Font size of a panel's title. @internal */
export const PANEL_TITLE_SIZE = 13;
/** Font size of tick labels. @internal */
export const TICK_SIZE = 11;
/** Opacity of a band, light enough that overlapping bands and the lines stay visible. @internal */
export const BAND_OPACITY = 0.18;
/** Radius of a point marker. @internal */
export const MARKER_RADIUS = 2.6;
