using SeqServe.Api.OpenApi;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Errors;
using SeqServe.Api.Models;
using SeqServe.Api.Security;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving.TorchScript;
using SeqServe.Core.Text;

namespace SeqServe.Api.Inference;

/// <summary>What an upload made: the new version (Ready, or Failed with the reason) and the model as it now is.</summary>
public sealed record UploadedVersion(VersionSummary Version, ModelSummary Model);

/// <summary>
/// POST /v1/models/{name}/versions: a TorchScript file made by PyTorch and its signature become a new version,
/// written like every version (temp folder, SHA-256 of every file, renamed in), then loaded, checked on
/// inputs of its signature, warmed up and (unless <c>promote</c> is false) served. Admin keys only.
/// </summary>
public static class TorchScriptUploadApi
{
    private static readonly JsonSerializerOptions SignatureJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static RouteHandlerBuilder MapTorchScriptUpload(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<TorchScriptOptions>>().Value;
        return routes.MapPost("/v1/models/{name}/versions", Upload)
            .RequireAuthorization(Policies.Admin)
            .WithMetadata(new BodyLimit(options.MaxBodyBytes))
            .WithTags("Models")
            .WithName("UploadTorchScriptVersion")
            .ProducesProblems(404, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Add a version from a TorchScript file made by PyTorch: multipart `model` (.pt) + `signature` (JSON).")
            .WithDescription("Form fields: `model` the file saved by `torch.jit.save` (at most Serving:TorchScript:MaxFileBytes), " +
                             "`signature` `{\"inputs\": [{\"name\", \"datatype\", \"shape\"}], \"outputs\"?: [{\"name\", \"datatype\"?, \"shape\"?}], " +
                             "\"postprocess\"?: {\"softmax\"?: true, \"labels\"?: [...]}}` (-1: a dimension of any size), optional `promote` " +
                             "(default true). 201 with the version Ready; 422 when the file does not load (the version is kept as Failed with " +
                             "the reason; the version already serving keeps serving). Served through POST /v2/models/{name}/infer.");
    }

    private static async Task<Results<Created<UploadedVersion>, ValidationProblem, ProblemHttpResult>> Upload(
        string name, HttpRequest request, CheckpointStore store, ModelRegistry registry, IOptions<TorchScriptOptions> options,
        ILoggerFactory logs, CancellationToken cancel)
    {
        var limits = options.Value;
        if (!CheckpointStore.IsValidName(name)) return Problems.Invalid("name", $"{TextChecks.Quote(name)} is not a model name (^[a-z0-9][a-z0-9-]{{0,63}}$).");
        if (!request.HasFormContentType)
            return Problems.UnsupportedMediaType("send multipart/form-data (Content-Type: multipart/form-data) with a 'model' file " +
                $"(TorchScript .pt) and a 'signature' (JSON); got {(string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : TextChecks.Quote(request.ContentType))}.");
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = limits.MaxBodyBytes,
            ValueLengthLimit = limits.MaxSignatureBytes,
        }));
        IFormCollection form;
        try { form = await request.ReadFormAsync(cancel); }
        catch (InvalidDataException e) { return TooLarge("body", $"{e.Message} (Serving:TorchScript:MaxFileBytes is {limits.MaxFileBytes} bytes)."); }

        if (form.Files.GetFile("model") is not { } file) return Problems.Invalid("model", "is required: the TorchScript file saved by torch.jit.save.");
        if (file.Length == 0) return Problems.Invalid("model", "the file is empty.");
        if (file.Length > limits.MaxFileBytes)
            return TooLarge("model", $"is {file.Length} bytes; the limit is {limits.MaxFileBytes} bytes (Serving:TorchScript:MaxFileBytes).");
        var (signature, invalid) = await ReadSignature(form, limits, cancel);
        if (invalid is not null) return invalid;
        var promote = true;
        if (form.TryGetValue("promote", out var promoteText) && !bool.TryParse(promoteText, out promote))
            return Problems.Invalid("promote", "must be true or false.");

        CheckpointManifest manifest;
        await using (var stream = file.OpenReadStream())
            manifest = await TorchScriptVersion.WriteAsync(store, name, stream, signature!,
                $"a TorchScript file uploaded as {TextChecks.Quote(Path.GetFileName(file.FileName))} ({file.Length} bytes)", cancel,
                held: !promote);
        registry.Scan();
        var slot = registry.Find(name);
        var loaded = slot?.Versions.GetValueOrDefault(manifest.Version);
        if (loaded is { State: VersionState.Ready } && promote) registry.Promote(name, manifest.Version);
        logs.CreateLogger(typeof(TorchScriptUploadApi)).LogInformation("Uploaded TorchScript {Model}/{Version}: {State}",
            name, manifest.Version, loaded?.State.ToString() ?? "not seen");
        if (slot is null || loaded is null)
            return Problems.Conflict($"version {manifest.Version} was written but is no longer in the store (deleted at once?).");
        var summary = ModelContracts.Summarize(slot);
        var version = summary.Versions.First(v => v.Version == manifest.Version);
        if (loaded.State == VersionState.Ready)
            return TypedResults.Created($"/v1/models/{name}", new UploadedVersion(version, summary));
        return TypedResults.Problem(
            $"model: the file was stored as version {manifest.Version} but does not load: {loaded.Error}. " +
            $"{(slot.Served is { } serving ? $"Version {serving.Version} keeps serving." : "No version of this model serves.")}",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "The TorchScript file does not load.",
            extensions: new Dictionary<string, object?> { ["version"] = manifest.Version, ["state"] = loaded.State.ToString(), ["reason"] = loaded.Error });
    }

    /// <summary>The <c>signature</c> field (text or file): JSON of <see cref="TorchScriptSignature"/>, valid, or a 400 naming what is wrong.</summary>
    private static async Task<(TorchScriptSignature? Signature, ValidationProblem? Problem)> ReadSignature(IFormCollection form,
        TorchScriptOptions limits, CancellationToken cancel)
    {
        string? text = form.TryGetValue("signature", out var value) ? value.ToString() : null;
        if (text is null && form.Files.GetFile("signature") is { } part)
        {
            if (part.Length > limits.MaxSignatureBytes)
                return (null, Problems.Invalid("signature", $"is {part.Length} bytes; the limit is {limits.MaxSignatureBytes} (Serving:TorchScript:MaxSignatureBytes)."));
            using var reader = new StreamReader(part.OpenReadStream());
            text = await reader.ReadToEndAsync(cancel);
        }
        if (string.IsNullOrWhiteSpace(text))
            return (null, Problems.Invalid("signature", "is required: {\"inputs\": [{\"name\", \"datatype\", \"shape\"}], …}."));
        TorchScriptSignature? signature;
        try { signature = JsonSerializer.Deserialize<TorchScriptSignature>(text, SignatureJson); }
        catch (JsonException e)
        {
            var path = ApiExceptionHandler.JsonField(e.Path);
            return (null, Problems.Invalid(path == "body" ? "signature" : $"signature.{path}", "is not valid signature JSON: " + e.Message.Split(" Path:")[0]));
        }
        if (signature is null) return (null, Problems.Invalid("signature", "must be a JSON object."));
        var errors = signature.Problems();
        return errors.Count > 0 ? (null, Problems.Invalid(errors)) : (signature, null);
    }

    private static ProblemHttpResult TooLarge(string field, string message) =>
        TypedResults.Problem($"{field}: {message}", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The upload is too large.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
