using System.Collections.Concurrent;
using SeqServe.Api.Metrics;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving.Batching;
using SeqServe.Core.Tasks;

namespace SeqServe.Api.Models;

/// <summary>
/// Every model version on disk and the one each model serves. Versions are verified (SHA-256), loaded
/// and warmed up before they can serve; the served version is swapped atomically. A version that fails
/// to load is shown as Failed and the version already serving keeps serving. What to serve: the version
/// named in the model's PROMOTED file once it is Ready; otherwise the version serving so far; otherwise
/// the newest Ready version. Loading runs on an inference thread (the scan waits for it).
/// </summary>
public sealed class ModelRegistry(CheckpointStore store, RecipeCatalog recipes, InferenceScheduler inference, ApiMeters meters,
    ILogger<ModelRegistry> logger)
{
    private readonly ConcurrentDictionary<string, ModelSlot> models = new(StringComparer.Ordinal);
    private readonly Lock scanGate = new();

    public sealed class ModelSlot(string name)
    {
        public string Name { get; } = name;
        public ConcurrentDictionary<string, LoadedVersion> Versions { get; } = new(StringComparer.Ordinal);
        /// <summary>The version answering requests; replaced atomically.</summary>
        public volatile LoadedVersion? Serving;
        /// <summary>The version the PROMOTED file asks for (may not be Ready yet, or Failed).</summary>
        public volatile string? Requested;
    }

    public IEnumerable<ModelSlot> Models => models.Values.OrderBy(m => m.Name, StringComparer.Ordinal);

    public ModelSlot? Find(string name) => models.GetValueOrDefault(name);

    /// <summary>True once the first scan finished.</summary>
    public bool Scanned { get; private set; }

    /// <summary>
    /// Reconciles with the store: loads new versions (verify, build, warm up), forgets removed ones,
    /// and picks the version to serve. Safe to call from several threads; runs one at a time.
    /// </summary>
    public void Scan()
    {
        lock (scanGate)
        {
            var onDisk = store.ListModels();
            foreach (var gone in models.Keys.Except(onDisk).ToList()) models.TryRemove(gone, out _);
            foreach (var name in onDisk)
            {
                var slot = models.GetOrAdd(name, n => new ModelSlot(n));
                var versions = store.ListVersions(name);
                foreach (var gone in slot.Versions.Keys.Except(versions).ToList()) slot.Versions.TryRemove(gone, out _);
                foreach (var version in versions.Where(v => !slot.Versions.ContainsKey(v)))
                    slot.Versions[version] = Load(name, version);
                slot.Requested = store.ReadPromoted(name);
                ChooseServing(slot);
            }
            Scanned = true;
        }
    }

    /// <summary>Makes <paramref name="version"/> the served one (and records it in the PROMOTED file).</summary>
    public LoadedVersion Promote(string name, string version)
    {
        lock (scanGate)
        {
            var slot = Find(name) ?? throw new KeyNotFoundException($"model '{name}' does not exist");
            var target = slot.Versions.GetValueOrDefault(version) ?? throw new KeyNotFoundException($"model '{name}' has no version '{version}'");
            if (target.State != VersionState.Ready)
                throw new InvalidOperationException($"version '{version}' is {target.State}{(target.Error is null ? "" : $": {target.Error}")}; only a Ready version can be promoted");
            store.WritePromoted(name, version);
            slot.Requested = version;
            Swap(slot, target);
            return target;
        }
    }

    /// <summary>Deletes a version that is not serving.</summary>
    public void Delete(string name, string version)
    {
        lock (scanGate)
        {
            var slot = Find(name) ?? throw new KeyNotFoundException($"model '{name}' does not exist");
            if (!slot.Versions.ContainsKey(version)) throw new KeyNotFoundException($"model '{name}' has no version '{version}'");
            if (slot.Serving?.Version == version || slot.Requested == version)
                throw new InvalidOperationException($"version '{version}' is the promoted version of '{name}'; promote another version first");
            store.Delete(name, version);
            slot.Versions.TryRemove(version, out _);
            logger.LogInformation("Deleted {Model}/{Version}", name, version);
        }
    }

    private LoadedVersion Load(string name, string version)
    {
        try
        {
            // Building and warming up a model runs torch: on an inference thread, like everything else that does.
            var (manifest, served) = inference.RunAlone(name, version, () =>
            {
                var loaded = recipes.Load(store, name, version);
                loaded.Served.WarmUp();
                return loaded;
            }, beyondLimit: true).GetAwaiter().GetResult();
            logger.LogInformation("Loaded {Model}/{Version} ({Kind}, recipe {Recipe})", name, version, served.Kind, manifest.Recipe);
            meters.Loaded(name, version);
            return new LoadedVersion(name, version, VersionState.Ready, manifest, served, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError("Refused {Model}/{Version}: {Reason}", name, version, e.Message);
            meters.LoadFailed(name, version);
            return new LoadedVersion(name, version, VersionState.Failed, null, null, e.Message);
        }
    }

    private void ChooseServing(ModelSlot slot)
    {
        var requested = slot.Requested is { } r ? slot.Versions.GetValueOrDefault(r) : null;
        LoadedVersion? next = requested?.State == VersionState.Ready ? requested : null;
        if (next is null && slot.Serving is { } current && slot.Versions.GetValueOrDefault(current.Version)?.State == VersionState.Ready)
            next = current;
        next ??= slot.Versions.Values.Where(v => v.State == VersionState.Ready).MaxBy(v => v.Version, StringComparer.Ordinal);
        if (requested is { State: VersionState.Failed } && slot.Serving != next)
            logger.LogWarning("Promoted {Model}/{Version} failed to load; serving {Serving} instead", slot.Name, requested.Version, next?.Version ?? "nothing");
        Swap(slot, next);
    }

    private void Swap(ModelSlot slot, LoadedVersion? next)
    {
        var previous = slot.Serving;
        if (previous?.Version == next?.Version) return;
        slot.Serving = next;
        logger.LogInformation("Model {Model} now serves version {Version} (was {Previous})", slot.Name, next?.Version ?? "none", previous?.Version ?? "none");
    }
}
