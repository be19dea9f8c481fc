using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Serilog;
using SeqServe.Api.Batching;
using SeqServe.Api.Datasets;
using SeqServe.Api.Errors;
using SeqServe.Api.Health;
using SeqServe.Api.Inference;
using SeqServe.Api.Jobs;
using SeqServe.Api.Metrics;
using SeqServe.Api.Models;
using SeqServe.Api.OpenApi;
using SeqServe.Api.Predict;
using SeqServe.Api.Security;
using SeqServe.Api.Sessions;
using SeqServe.Api.Tasks;
using Microsoft.Extensions.Options;
using SeqServe.Jobs.Hosting;

namespace SeqServe.Api.Hosting;

/// <summary>
/// What the web host is made of, and in which order requests go through it. The role (Hosting:Role)
/// decides what this process is: <c>all</c> (API + embedded worker), <c>api</c> or <c>worker</c>
/// (training plus the health routes).
/// </summary>
public static class ApiComposition
{
    public static WebApplicationBuilder AddSeqServeApi(this WebApplicationBuilder builder)
    {
        var hosting = HostingOptions.From(builder.Configuration);
        HostSetup.ConfigureNativeRuntime(builder.Configuration); // before any thread touches torch
        var services = builder.Services;
        services.AddSeqServeLogging(hosting);
        services.AddSeqServeJobs(builder.Configuration, hosting);
        services.AddSingleton(HostRun.ChildCommand());
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            Problems.CompleteUnsupported(context); // routing's bare 415 (a JSON route, another content type) says what to send
            ProblemSize.Cap(context);
            RequestLogging.Note(context); // the request's log line says which field and why
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSeqServeHealth(hosting);
        if (!hosting.Serves) return builder;

        services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSeqServeContracts(); // validation of the request records, their schemas, how versions are loaded
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelLookup>();
        services.AddTaskEndpoints();
        services.AddSequenceSessions();
        services.AddSeqServeAuth();
        services.AddSeqServeRateLimits();
        services.AddSeqServeBatching();
        services.AddSeqServeMetrics();
        services.AddHostedService<ModelStoreWatcher>();
        services.AddInferenceApi();

        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict; // "32" is not a number
            o.SerializerOptions.Converters.Add(new StrictStringConverter());
        });

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "SeqServe",
                Version = "v1",
                Description = "Train and serve recurrent sequence models (RNN, LSTM, GRU): launch training jobs, " +
                              "watch them, and call the promoted models.",
            });
            o.OperationFilter<ExampleOperationFilter>();
            o.AddApiKeySecurity();
        });
        return builder;
    }

    public static WebApplication UseSeqServeApi(this WebApplication app)
    {
        // Request logging sits outside the exception handler, so it logs the status the client got
        // (a 400 for bad input), not the exception on its way to being turned into a problem.
        app.UseSeqServeRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapSeqServeHealth();
        if (!app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.Serves) return app;

        app.UseMiddleware<BodySizeLimit>();
        _ = app.Services.GetRequiredService<ApiKeyRing>(); // at start: a generated admin key is written (and its path logged) now
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "SeqServe");
        app.UseDashboard();

        // Reads are open unless Auth:RequireKeyForPredictions; their write routes name train or admin.
        var reads = app.MapGroup("").RequireAuthorization(Policies.Predict);
        reads.MapJobsApi();
        reads.MapModelsApi();
        reads.MapDatasetsApi();

        // Predictions: the same access rule, plus the per-key (or per-address) rate limit.
        var predictions = app.MapGroup("").RequireAuthorization(Policies.Predict).RequireRateLimiting(RateLimits.PredictPolicy);
        predictions.MapTaskEndpoints();
        app.MapInferenceApi(); // /v2 (Open Inference Protocol) with its own conventions, and TorchScript uploads (admin)
        app.MapMetrics();
        return app;
    }
}
