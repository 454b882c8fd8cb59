export interface GrepQuery {
  pattern: string;
  /** Absolute directory or file to search. */
  target: string;
  /** Paths in the results are relative to this directory (the workspace root). */
  displayRoot: string;
  include?: string;
  literal: boolean;
  caseSensitive: boolean;
  contextLines: number;
  signal?: AbortSignal;
  /** Matching lines kept in memory at most; beyond it matches are only counted. */
  collectLimit: number;
  /** Files whose matches are withheld (counted in `withheldFiles`), given the display path. */
  withhold?: (path: string) => boolean;
}

/** One output line: a match, or a context line around one. */
export interface GrepLine {
  line: number;
  text: string;
  isMatch: boolean;
}

export interface GrepFileResult {
  /** Relative to the display root, `/`-separated. */
  path: string;
  lines: GrepLine[];
}

export interface GrepEngineResult {
  files: GrepFileResult[];
  /** Matching lines found, including those past the collect limit. */
  totalMatches: number;
  /** Files with a match, including those past the collect limit. */
  totalFiles: number;
  /** Files with matches that were withheld (secrets files such as `.env`). */
  withheldFiles: string[];
  engine: "ripgrep" | "builtin";
}

/** Gathers per-file results up to a limit of matching lines, counting the rest. */
export class GrepCollector {
  readonly files: GrepFileResult[] = [];
  readonly withheldFiles: string[] = [];
  totalMatches = 0;
  totalFiles = 0;
  private kept = 0;

  constructor(
    private readonly limit: number,
    private readonly withhold?: (path: string) => boolean,
  ) {}

  add(path: string, lines: GrepLine[]): void {
    const matches = lines.reduce((n, l) => n + (l.isMatch ? 1 : 0), 0);
    if (matches === 0) return;
    if (this.withhold?.(path)) {
      this.withheldFiles.push(path);
      return;
    }
    this.totalMatches += matches;
    this.totalFiles++;
    if (this.kept >= this.limit) return;
    this.kept += matches;
    this.files.push({ path, lines });
  }

  result(engine: GrepEngineResult["engine"]): GrepEngineResult {
    return { files: this.files, totalMatches: this.totalMatches, totalFiles: this.totalFiles, withheldFiles: this.withheldFiles.sort(), engine };
  }
}
