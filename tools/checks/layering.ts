import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/**
 * DESIGN.md's rule: an import may only point down. Each library declares its floor as the Nx tag
 * `floor:N` in its package.json; apps (`type:app`) may import anything, nothing may import an app.
 */

export interface Project {
  name: string;
  dir: string;
  floor?: number;
  isApp: boolean;
  dependencies: string[];
}

export interface Violation {
  project: string;
  file: string;
  imported: string;
  reason: string;
}

function readProject(dir: string): Project | undefined {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return undefined;
  const pkg = JSON.parse(readFileSync(manifest, "utf8"));
  const tags: string[] = pkg.nx?.tags ?? [];
  const floorTag = tags.find((t) => t.startsWith("floor:"));
  return {
    name: pkg.name,
    dir,
    ...(floorTag ? { floor: Number(floorTag.slice("floor:".length)) } : {}),
    isApp: tags.includes("type:app"),
    dependencies: Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }),
  };
}

export function readProjects(root: string): Project[] {
  const projects: Project[] = [];
  for (const group of ["packages", "apps"]) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const project = readProject(join(base, entry));
      if (project) projects.push(project);
    }
  }
  return projects;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    // Tests may use higher layers (fixtures, real providers) to exercise a package end to end.
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(entry) && !/\.test\.\w+$/.test(entry)) out.push(path);
  }
  return out;
}

const importRe = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

export function importsOf(text: string): string[] {
  return [...text.matchAll(importRe)].map((m) => m[1] as string);
}

function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

export function findLayerViolations(root: string): Violation[] {
  const projects = readProjects(root);
  const byName = new Map(projects.map((p) => [p.name, p]));
  const violations: Violation[] = [];
  const check = (from: Project, file: string, specifier: string) => {
    const target = byName.get(packageNameOf(specifier));
    if (!target || target === from) return;
    const add = (reason: string) => violations.push({ project: from.name, file, imported: specifier, reason });
    if (target.isApp) return add(`${from.name} imports the app ${target.name}`);
    if (specifier !== target.name) add(`deep import into ${target.name}; use its public index`);
    if (from.isApp) return;
    if (from.floor === undefined) return add(`${from.name} has no floor:N tag`);
    if (target.floor === undefined) return add(`${target.name} has no floor:N tag`);
    if (target.floor >= from.floor) {
      add(`${from.name} (floor ${from.floor}) may not import ${target.name} (floor ${target.floor}): imports only point down`);
    }
  };
  for (const project of projects) {
    for (const dep of project.dependencies) check(project, "package.json", dep);
    for (const file of sourceFiles(join(project.dir, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const specifier of importsOf(text)) {
        if (specifier.startsWith(".")) {
          const target = resolve(file, "..", specifier);
          if (!target.startsWith(project.dir + sep)) {
            violations.push({ project: project.name, file: relative(root, file), imported: specifier, reason: "relative import reaches outside its package" });
          }
          continue;
        }
        check(project, relative(root, file), specifier);
      }
    }
  }
  return violations;
}
