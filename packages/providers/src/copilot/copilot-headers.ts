/**
 * Headers the Copilot endpoints require of an editor integration. Copilot rejects chat requests
 * that do not name an editor and an integration id.
 */
export const COPILOT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Editor-Version": "vscode/1.99.3",
  "Editor-Plugin-Version": "copilot-chat/0.26.7",
  "Copilot-Integration-Id": "vscode-chat",
  "User-Agent": "GitHubCopilotChat/0.26.7",
  "Openai-Intent": "conversation-panel",
});

/** The OAuth app id of GitHub's own Copilot editor plugins; device-flow logins use it. */
export const COPILOT_CLIENT_ID = "Iv1.b507a08c87ecfe98";

export const GITHUB_URL = "https://github.com";
export const COPILOT_TOKEN_URL = "https://api.github.com/copilot_internal/v2/token";
export const COPILOT_API_URL = "https://api.githubcopilot.com";
