using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SeqServe.Api.Hosting;
using SeqServe.Api.Metrics;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Models;

/// <summary>
/// Every model version on disk and the one each model serves. Versions are verified (SHA-256), loaded
/// and warmed up before they can serve; the served version is swapped atomically. A version that fails
/// to load is shown as Failed and the version already serving keeps serving. What to serve: the version
/// named in the model's PROMOTED file once it is Ready; otherwise the version serving so far; otherwise
/// the newest Ready version that is not held (made with promote: false, see <see cref="CheckpointManifest.Held"/>):
/// a model whose versions are all held serves nothing until one is promoted. Loading runs on an inference thread
/// (the scan waits for it).
/// At most Serving:ResidentVersions versions of a model stay in memory: beyond that the least recently
/// used one that is neither served nor promoted is unloaded (listed as Unloaded) and loaded again when a
/// request names it. A version that is removed or unloaded is disposed once its last request returned.
/// </summary>
public sealed class ModelRegistry(CheckpointStore store, IVersionLoader loader, InferenceScheduler inference, ApiMeters meters,
    IOptions<ServingOptions> options, ILogger<ModelRegistry> logger)
{
    /// <summary>How often a request retries when the version it picked is retired under it (a swap or an unload in between).</summary>
    private const int LeaseAttempts = 4;

    private readonly ConcurrentDictionary<string, ModelSlot> models = new(StringComparer.Ordinal);
    private readonly Lock scanGate = new();

    public sealed class ModelSlot(string name)
    {
        public string Name { get; } = name;
        public ConcurrentDictionary<string, LoadedVersion> Versions { get; } = new(StringComparer.Ordinal);
        /// <summary>The version answering requests (always resident); replaced atomically.</summary>
        public volatile LoadedVersion? Served;
        /// <summary>The version the PROMOTED file asks for (may not be Ready yet, or Failed).</summary>
        public volatile string? Promoted;
        /// <summary>One load on demand at a time per model.</summary>
        internal SemaphoreSlim LoadGate { get; } = new(1, 1);
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
            foreach (var gone in models.Keys.Except(onDisk).ToList())
                if (models.TryRemove(gone, out var removed))
                    foreach (var version in removed.Versions.Values) version.Resident?.Retire();
            foreach (var name in onDisk)
            {
                var slot = models.GetOrAdd(name, n => new ModelSlot(n));
                var versions = store.ListVersions(name);
                slot.Promoted = store.ReadPromoted(name);
                foreach (var gone in slot.Versions.Keys.Except(versions).ToList())
                    if (slot.Versions.TryRemove(gone, out var removed)) removed.Resident?.Retire();
                foreach (var version in versions.Where(v => !slot.Versions.ContainsKey(v)))
                {
                    slot.Versions[version] = Load(name, version);
                    Trim(slot);
                }
                ChooseServed(slot);
                Trim(slot);
            }
            Scanned = true;
        }
    }

    /// <summary>Makes <paramref name="version"/> the served one (and records it in the PROMOTED file); an unloaded version is loaded first.</summary>
    public LoadedVersion Promote(string name, string version)
    {
        lock (scanGate)
        {
            var slot = Find(name) ?? throw new KeyNotFoundException($"model '{name}' does not exist");
            var target = slot.Versions.GetValueOrDefault(version) ?? throw new KeyNotFoundException($"model '{name}' has no version '{version}'");
            if (target.State == VersionState.Unloaded) target = slot.Versions[version] = Load(name, version);
            if (target.State != VersionState.Ready)
                throw new InvalidOperationException($"version '{version}' is {target.State}{(target.Error is null ? "" : $": {target.Error}")}; only a Ready version can be promoted");
            store.WritePromoted(name, version);
            slot.Promoted = version;
            Swap(slot, target);
            Trim(slot);
            return target;
        }
    }

    /// <summary>Deletes a version that is not serving; its model is disposed once the requests using it returned.</summary>
    public void Delete(string name, string version)
    {
        lock (scanGate)
        {
            var slot = Find(name) ?? throw new KeyNotFoundException($"model '{name}' does not exist");
            if (!slot.Versions.ContainsKey(version)) throw new KeyNotFoundException($"model '{name}' has no version '{version}'");
            if (slot.Served?.Version == version || slot.Promoted == version)
                throw new InvalidOperationException($"version '{version}' is the promoted version of '{name}'; promote another version first");
            store.Delete(name, version);
            if (slot.Versions.TryRemove(version, out var removed)) removed.Resident?.Retire();
            logger.LogInformation("Deleted {Model}/{Version}", name, version);
        }
    }

    /// <summary>
    /// The version a request should use (the served one, or <paramref name="version"/>) with a lease that
    /// keeps it alive until disposed; an unloaded version is loaded first. No lease when the version is
    /// unknown (null), or not Ready (Failed, or nothing served yet).
    /// </summary>
    public async Task<(LoadedVersion? Version, ModelLease? Lease)> AcquireAsync(ModelSlot slot, string? version, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < LeaseAttempts; attempt++)
        {
            var entry = version is null ? slot.Served : slot.Versions.GetValueOrDefault(version);
            if (entry is null) return (null, null);
            if (entry.Resident?.TryLease() is { } lease) return (entry, lease);
            if (entry.State == VersionState.Unloaded && await LoadOnDemand(slot, entry, cancel) is { } loaded) return loaded;
            if (entry.State == VersionState.Failed) return (entry, null);
        }
        return (version is null ? slot.Served : slot.Versions.GetValueOrDefault(version), null);
    }

    /// <summary>Loads an unloaded version for a request and leases it before anything may unload it again; null when someone else changed it meanwhile.</summary>
    private async Task<(LoadedVersion, ModelLease?)?> LoadOnDemand(ModelSlot slot, LoadedVersion unloaded, CancellationToken cancel)
    {
        await slot.LoadGate.WaitAsync(cancel);
        try
        {
            if (!ReferenceEquals(slot.Versions.GetValueOrDefault(unloaded.Version), unloaded)) return null; // loaded (or removed) while we waited
            var loaded = await LoadAsync(slot.Name, unloaded.Version);
            lock (scanGate)
            {
                if (!ReferenceEquals(slot.Versions.GetValueOrDefault(unloaded.Version), unloaded) || Find(slot.Name) != slot)
                {
                    loaded.Resident?.Retire();
                    return null;
                }
                var lease = loaded.Resident?.TryLease();
                slot.Versions[unloaded.Version] = loaded;
                Trim(slot);
                return (loaded, lease);
            }
        }
        finally
        {
            slot.LoadGate.Release();
        }
    }

    private LoadedVersion Load(string name, string version) => LoadAsync(name, version).GetAwaiter().GetResult();

    private async Task<LoadedVersion> LoadAsync(string name, string version)
    {
        try
        {
            // Building and warming up a model runs torch: on an inference thread, like everything else that does.
            var (manifest, served) = await inference.RunAlone(name, version, () =>
            {
                var loaded = loader.Load(name, version);
                loaded.Served.WarmUp();
                return loaded;
            }, beyondLimit: true);
            logger.LogInformation("Loaded {Model}/{Version} ({Kind}, recipe {Recipe})", name, version, served.Kind, manifest.Recipe);
            meters.Loaded(name, version);
            return new LoadedVersion(name, version, VersionState.Ready, manifest, new ResidentModel(served, m => Dispose(name, version, m)), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError("Refused {Model}/{Version}: {Reason}", name, version, e.Message);
            meters.LoadFailed(name, version);
            return new LoadedVersion(name, version, VersionState.Failed, null, null, e.Message);
        }
    }

    /// <summary>Frees a model nobody uses any more, on an inference thread (the threads that touch torch).</summary>
    private void Dispose(string name, string version, IServedModel model)
    {
        try
        {
            _ = inference.RunAlone(name, version, () =>
            {
                model.Dispose();
                return true;
            }, beyondLimit: true);
        }
        catch (ObjectDisposedException)
        {
            model.Dispose(); // the service is stopping: no inference thread is left to ask
        }
        logger.LogInformation("Disposed {Model}/{Version}: no longer resident and no request uses it", name, version);
    }

    /// <summary>Unloads the least recently used versions beyond Serving:ResidentVersions, never the served or the promoted one.</summary>
    private void Trim(ModelSlot slot)
    {
        var limit = options.Value.ResidentVersions;
        var resident = slot.Versions.Values.Where(v => v.Resident is not null).ToList();
        if (resident.Count <= limit) return;
        var unload = resident
            .Where(v => v.Version != slot.Served?.Version && v.Version != slot.Promoted)
            .OrderBy(v => v.Resident!.LastUsed)
            .Take(resident.Count - limit);
        foreach (var version in unload)
        {
            slot.Versions[version.Version] = version with { State = VersionState.Unloaded, Resident = null };
            version.Resident!.Retire();
            logger.LogInformation("Unloaded {Model}/{Version}: more than {Limit} versions resident (Serving:ResidentVersions)",
                slot.Name, version.Version, limit);
        }
    }

    private void ChooseServed(ModelSlot slot)
    {
        var promoted = slot.Promoted is { } p ? slot.Versions.GetValueOrDefault(p) : null;
        if (promoted is { State: VersionState.Unloaded }) promoted = slot.Versions[promoted.Version] = Load(slot.Name, promoted.Version);
        LoadedVersion? next = promoted?.State == VersionState.Ready ? promoted : null;
        if (next is null && slot.Served is { } current && slot.Versions.GetValueOrDefault(current.Version)?.State == VersionState.Ready)
            next = current;
        next ??= slot.Versions.Values.Where(v => v.State == VersionState.Ready && !IsHeld(v)).MaxBy(v => v.Version, StringComparer.Ordinal);
        if (promoted is { State: VersionState.Failed } && slot.Served != next)
            logger.LogWarning("Promoted {Model}/{Version} failed to load; serving {Serving} instead", slot.Name, promoted.Version, next?.Version ?? "nothing");
        Swap(slot, next);
    }

    /// <summary>A version made with promote: false: served only once promoted.</summary>
    public static bool IsHeld(LoadedVersion version) => version.Manifest?.Held == true;

    /// <summary>True when the model serves nothing because every version it has was made with promote: false and none is promoted.</summary>
    public static bool OnlyHeld(ModelSlot slot) =>
        slot.Served is null && slot.Promoted is null && !slot.Versions.IsEmpty && slot.Versions.Values.All(v => v.State == VersionState.Failed || IsHeld(v));

    private void Swap(ModelSlot slot, LoadedVersion? next)
    {
        var previous = slot.Served;
        if (previous?.Version == next?.Version) return;
        slot.Served = next;
        logger.LogInformation("Model {Model} now serves version {Version} (was {Previous})", slot.Name, next?.Version ?? "none", previous?.Version ?? "none");
    }
}
