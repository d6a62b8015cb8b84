// Fixed-point text for CSV cells: every number column has one number of decimal places
// whatever its values, so a sniffer (DuckDB's read_csv_auto, pandas' read_csv) types the
// column from any sample alike: `30.000` never passes for an integer column that `30.500`
// later breaks. Digits come from the scaled integer, so no float formatting noise
// (0.1 + 0.2 prints `0.300`), and rounding is Math.round's, as the values were rounded before.
const SCALE = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000', '000000000'];
/** An integer count of 10^-places units, as a decimal with exactly `places` decimals. */
export function scaledToFixed(n, places) {
    if (places === 0)
        return String(n);
    const neg = n < 0;
    const a = neg ? -n : n;
    const scale = SCALE[places];
    const whole = Math.floor(a / scale);
    const frac = String(a - whole * scale);
    return (neg && a !== 0 ? '-' : '') + whole + '.' + ZEROS[places - frac.length] + frac;
}
/** x rounded (Math.round) to `places` decimals, written with exactly that many. */
export function fixed(x, places) {
    return scaledToFixed(Math.round(x * SCALE[places]), places);
}
/** Seconds to 3 decimals (milliseconds): times and durations in every CSV. */
export const seconds3 = (s) => fixed(s, 3);
/** Hours and money that is not cents (cumulative compute cost), 6 decimals. */
export const fixed6 = (x) => fixed(x, 6);
/** Milliseconds of a time in seconds, rounded: the one instant both `time_s` and `timestamp` show. */
export function roundMs(s) {
    return Math.round(s * 1000);
}
/** `time_s,timestamp` of an instant: seconds from the start to 3 decimals and ISO 8601 UTC with milliseconds. */
export function timeCells(startMs, s) {
    const ms = roundMs(s);
    return scaledToFixed(ms, 3) + ',' + new Date(startMs + ms).toISOString();
}
//# sourceMappingURL=fixed.js.map