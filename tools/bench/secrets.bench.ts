import { FakeVaultServer } from "@codetether/fixtures/vault";
import { createSecretStore, VaultSecretStore } from "@codetether/secrets";
import nodeVault from "node-vault";
import { compareTimes, defineBench, row } from "./harness.js";

export default defineBench({
  name: "secrets",
  description: "Reading a provider key from Vault: our store against bare node-vault on the same fake Vault",
  async run({ quick, tmpDir }) {
    const vault = await FakeVaultServer.start();
    const runs = quick ? 20 : 300;
    try {
      vault.putSecret("secret", "codetether/providers/openai", { api_key: "sk-bench-openai-000001", base_url: "http://127.0.0.1:9/v1" });
      const bare = nodeVault({ endpoint: vault.address, token: vault.rootToken, noCustomHTTPVerbs: true });
      const bareRead = () => bare.read("secret/data/codetether/providers/openai");
      const env = { VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, HOME: tmpDir };
      const uncached = VaultSecretStore.fromEnv(env, { cacheTtlSeconds: 0, renewInBackground: false });
      const chain = createSecretStore({ env, dataDir: tmpDir, vault: { renewInBackground: false } });
      const uncachedTimes = await compareTimes(bareRead, () => uncached.read("openai"), { runs, warmup: 5 });
      const cachedTimes = await compareTimes(bareRead, () => chain.get("openai"), { runs, warmup: 5 });
      uncached.close();
      chain.close();
      return [
        row({
          bench: "secrets",
          case: `Vault read, cache off (median of ${runs})`,
          baseline: { label: "node-vault read", value: uncachedTimes.a },
          subject: { label: "VaultSecretStore.read", value: uncachedTimes.b },
          unit: "ms",
          target: 1.2,
        }),
        row({
          bench: "secrets",
          case: `createSecretStore().get, cached (median of ${runs})`,
          baseline: { label: "node-vault read", value: cachedTimes.a },
          subject: { label: "chain get (cached)", value: cachedTimes.b },
          unit: "ms",
          notes: "the default 30 s cache answers without a request",
        }),
      ];
    } finally {
      await vault.close();
    }
  },
});
