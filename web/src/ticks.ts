// Axis ticks for the dashboard's charts, which all count things.

/**
 * Ticks for counts: whole numbers only (a count of 0.5 reactions means nothing), about five of
 * them, a step of 1, 2 or 5 times a power of ten.
 */
export function wholeTicks(data: Array<{ count: number }>): number[] {
  const max = Math.max(1, ...data.map((datum) => datum.count));
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return ticks;
}
