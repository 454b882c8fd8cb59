import { describe, expect, it } from "vitest";
import { compareTimes, median, row } from "./harness.js";
import { formatTable } from "./run-benches.js";

describe("bench harness", () => {
  it("takes the median of odd and even samples", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it("expresses each row as subject ÷ baseline, or the inverse when higher is better", () => {
    const slower = row({ bench: "b", case: "c", baseline: { label: "x", value: 10 }, subject: { label: "y", value: 13 }, unit: "ms" });
    expect(slower.ratio).toBeCloseTo(1.3);
    const throughput = row({ bench: "b", case: "c", baseline: { label: "x", value: 200 }, subject: { label: "y", value: 100 }, unit: "MB/s", higherIsBetter: true });
    expect(throughput.ratio).toBeCloseTo(2);
  });

  it("times both sides alternately and reports the slower one as slower", async () => {
    const spin = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const { a, b } = await compareTimes(() => spin(1), () => spin(6), { runs: 5, warmup: 0 });
    expect(b).toBeGreaterThan(a);
  });

  it("flags rows over their target in the table", () => {
    const table = formatTable([
      row({ bench: "cli", case: "fast", baseline: { label: "node", value: 50 }, subject: { label: "ct", value: 55 }, unit: "ms", target: 1.3 }),
      row({ bench: "cli", case: "slow", baseline: { label: "node", value: 50 }, subject: { label: "ct", value: 90 }, unit: "ms", target: 1.3 }),
    ]);
    expect(table).toMatch(/fast.*1\.10×.*✓ ≤ 1\.3×/);
    expect(table).toMatch(/slow.*1\.80×.*✗ ≤ 1\.3×/);
  });
});
