import { readFile } from "node:fs/promises";
import type NodeVault from "node-vault";
import { VaultError } from "../errors/vault-error.js";
import { registerSecret } from "../redact.js";
import { DEFAULT_KUBERNETES_JWT_PATH, type VaultAuth } from "./vault-options.js";
import { toVaultError, type VaultFailureContext } from "./vault-failure.js";

export interface VaultTokenSessionOptions {
  address: string;
  auth: VaultAuth | undefined;
  now: () => number;
  renewFraction: number;
  renewInBackground: boolean;
  /** Builds the context of a failure on `path` (mount and secrets path for hints). */
  context: (path: string, login?: boolean) => VaultFailureContext;
}

/**
 * Keeps a usable token on a node-vault client: takes it from the configuration, re-reads a Vault
 * Agent token file when it changes, logs in with Kubernetes or AppRole, and renews renewable tokens
 * (renew-self) before they expire — or logs in again when a login-issued token cannot be renewed.
 */
export class VaultTokenSession {
  private current: string | undefined;
  /** When the lease below was learnt (ms on the session clock). */
  private obtainedAt = 0;
  /** Seconds; 0 = no expiry or unknown. */
  private lease = 0;
  private renewable = false;
  private known = false;
  private pending: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The last background renewal failure, kept so it is not silently lost. */
  lastBackgroundError: VaultError | undefined;

  constructor(
    private readonly client: NodeVault.client,
    private readonly options: VaultTokenSessionOptions,
  ) {}

  /** Human description of the credential in use, for error messages (never the token). */
  describe(): string {
    const auth = this.options.auth;
    switch (auth?.method) {
      case "token":
        return "the configured token (VAULT_TOKEN)";
      case "token_file":
        return `the token in ${auth.path}`;
      case "kubernetes":
        return `the token from Kubernetes role "${auth.role}"`;
      case "approle":
        return `the token from AppRole role_id "${auth.roleId}"`;
      default:
        return "no token";
    }
  }

  /** True when a fresh token can be obtained by logging in again. */
  get canLogin(): boolean {
    const method = this.options.auth?.method;
    return method === "kubernetes" || method === "approle";
  }

  /** Makes sure the client holds a live token, renewing or logging in as needed. Concurrent callers share one attempt. */
  async ensure(): Promise<void> {
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drops the current token and logs in again (after a 403 on a login-issued token). */
  async relogin(): Promise<void> {
    if (!this.canLogin) return;
    this.current = undefined;
    await this.ensure();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async refresh(): Promise<void> {
    const auth = this.options.auth;
    if (!auth) {
      throw new VaultError({
        reason: "auth_failed",
        address: this.options.address,
        path: "auth",
        message: `No credentials for Vault at ${this.options.address}.`,
        hint: `Set VAULT_TOKEN, VAULT_TOKEN_FILE (Vault Agent), VAULT_ROLE (Kubernetes) or VAULT_ROLE_ID + VAULT_SECRET_ID (AppRole), or log in with the vault CLI (~/.vault-token).`,
      });
    }
    if (auth.method === "token" && this.current === undefined) this.adopt(auth.token);
    if (auth.method === "token_file") {
      const token = await this.readTokenFile(auth.path);
      if (token !== this.current) this.adopt(token);
    }
    if (this.canLogin && (this.current === undefined || this.expired())) {
      await this.login();
      return;
    }
    if (!this.known) await this.lookup();
    if (this.dueForRenewal()) await this.renew();
    else if (this.canLogin && this.expired()) await this.login();
  }

  private adopt(token: string): void {
    registerSecret(token);
    this.current = token;
    this.client.token = token;
    this.known = false;
    this.lease = 0;
    this.renewable = false;
  }

  private async readTokenFile(path: string): Promise<string> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw this.authError(`auth/token (token file)`, `Cannot read the Vault token file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, `Check VAULT_TOKEN_FILE and that Vault Agent is running and has written its sink file.`, error);
    }
    const token = text.trim();
    if (!token) throw this.authError("auth/token (token file)", `The Vault token file ${path} is empty.`, `Vault Agent may not have authenticated yet; check its logs.`);
    return token;
  }

  private async lookup(): Promise<void> {
    const path = "auth/token/lookup-self";
    try {
      const result = await this.client.tokenLookupSelf();
      this.learn(Number(result?.data?.ttl ?? 0), result?.data?.renewable === true);
    } catch (error) {
      const failure = toVaultError(error, this.options.context(path));
      if (failure.reason === "permission_denied" && this.canLogin) {
        await this.login();
        return;
      }
      if (failure.reason === "unreachable" || failure.reason === "sealed") throw failure;
      // Anything else (a dead token, or one created without the default policy that grants lookup-self):
      // the lease stays unknown and the read itself will say whether the token works, naming the secret's path.
      this.learn(0, false);
    }
  }

  private async renew(): Promise<void> {
    try {
      const result = await this.client.tokenRenewSelf({});
      this.learn(Number(result?.auth?.lease_duration ?? 0), result?.auth?.renewable === true);
    } catch (error) {
      const failure = toVaultError(error, this.options.context("auth/token/renew-self"));
      if (failure.reason === "unreachable" || failure.reason === "sealed") throw failure;
      if (this.canLogin) return this.login();
      // A static token that can no longer be renewed keeps working until it expires; stop trying.
      this.renewable = false;
    }
  }

  private async login(): Promise<void> {
    const auth = this.options.auth!;
    this.client.token = undefined as unknown as string;
    let result: any;
    if (auth.method === "kubernetes") {
      const mount = auth.mount ?? "kubernetes";
      const path = `auth/${mount}/login`;
      const jwt = auth.jwt ?? (await this.readJwt(auth.jwtPath ?? DEFAULT_KUBERNETES_JWT_PATH, path));
      try {
        result = await this.client.kubernetesLogin({ role: auth.role, jwt, mount_point: mount });
      } catch (error) {
        throw toVaultError(error, this.options.context(path, true));
      }
    } else if (auth.method === "approle") {
      const mount = auth.mount ?? "approle";
      const path = `auth/${mount}/login`;
      try {
        result = await this.client.approleLogin({ role_id: auth.roleId, ...(auth.secretId ? { secret_id: auth.secretId } : {}), mount_point: mount });
      } catch (error) {
        throw toVaultError(error, this.options.context(path, true));
      }
    }
    const token = result?.auth?.client_token;
    if (typeof token !== "string" || token === "") {
      throw this.authError(`auth/${auth.method}`, `Vault at ${this.options.address} answered the ${auth.method} login without auth.client_token.`, `Check that VAULT_ADDR points at Vault and VAULT_AUTH_MOUNT at the right auth method.`);
    }
    this.adopt(token);
    this.learn(Number(result.auth.lease_duration ?? 0), result.auth.renewable === true);
  }

  private async readJwt(path: string, loginPath: string): Promise<string> {
    try {
      const jwt = (await readFile(path, "utf8")).trim();
      if (jwt) return jwt;
    } catch (error) {
      throw this.authError(loginPath, `Cannot read the Kubernetes service-account token ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, `Run inside a pod with a mounted service account, or point VAULT_K8S_TOKEN_PATH at the JWT.`, error);
    }
    throw this.authError(loginPath, `The Kubernetes service-account token ${path} is empty.`, `Point VAULT_K8S_TOKEN_PATH at the JWT.`);
  }

  private learn(leaseSeconds: number, renewable: boolean): void {
    this.obtainedAt = this.options.now();
    this.lease = Number.isFinite(leaseSeconds) && leaseSeconds > 0 ? leaseSeconds : 0;
    this.renewable = renewable && this.lease > 0;
    this.known = true;
    this.schedule();
  }

  private dueForRenewal(): boolean {
    return this.renewable && this.lease > 0 && this.options.now() >= this.obtainedAt + this.lease * 1000 * this.options.renewFraction;
  }

  private expired(): boolean {
    return this.lease > 0 && this.options.now() >= this.obtainedAt + this.lease * 1000;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.options.renewInBackground || this.closed || this.lease === 0) return;
    if (!this.renewable && !this.canLogin) return;
    const due = this.obtainedAt + this.lease * 1000 * this.options.renewFraction - this.options.now();
    this.timer = setTimeout(() => {
      this.ensure().then(
        () => (this.lastBackgroundError = undefined),
        (error) => (this.lastBackgroundError = toVaultError(error, this.options.context("auth/token/renew-self"))),
      );
    }, Math.max(1000, due));
    this.timer.unref();
  }

  private authError(path: string, message: string, hint: string, cause?: unknown): VaultError {
    return new VaultError({ reason: "auth_failed", address: this.options.address, path, message, hint, cause });
  }
}
