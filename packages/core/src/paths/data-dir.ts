import { homedir } from "node:os";
import { join } from "node:path";

export interface PathEnv {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

const APP = "codetether-agent";

/** Where sessions, the key file and other per-user state live. `CODETETHER_DATA_DIR` wins. */
export function dataDir({ env = process.env, platform = process.platform, home }: PathEnv = {}): string {
  if (env.CODETETHER_DATA_DIR) return env.CODETETHER_DATA_DIR;
  const h = home ?? env.HOME ?? homedir();
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(h, "AppData", "Local"), APP);
  if (platform === "darwin") return join(h, "Library", "Application Support", APP);
  return join(env.XDG_DATA_HOME || join(h, ".local", "share"), APP);
}

/** The user's config directory (`~/.config/codetether-agent`, or under `XDG_CONFIG_HOME`). */
export function configDir({ env = process.env, platform = process.platform, home }: PathEnv = {}): string {
  if (env.CODETETHER_CONFIG_DIR) return env.CODETETHER_CONFIG_DIR;
  const h = home ?? env.HOME ?? homedir();
  if (platform === "win32") return join(env.APPDATA ?? join(h, "AppData", "Roaming"), APP);
  return join(env.XDG_CONFIG_HOME || join(h, ".config"), APP);
}

export function userConfigPath(options: PathEnv = {}): string {
  return join(configDir(options), "config.toml");
}
