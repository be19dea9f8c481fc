using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Serilog;
using SeqServe.Api.Batching;
using SeqServe.Api.Datasets;
using SeqServe.Api.Errors;
using SeqServe.Api.Health;
using SeqServe.Api.Jobs;
using SeqServe.Api.Metrics;
using SeqServe.Api.Models;
using SeqServe.Api.OpenApi;
using SeqServe.Api.Predict;
using SeqServe.Api.Sessions;
using SeqServe.Worker.Hosting;

namespace SeqServe.Api.Hosting;

/// <summary>What the web host is made of, and in which order requests go through it.</summary>
public static class ApiComposition
{
    public static WebApplicationBuilder AddSeqServeApi(this WebApplicationBuilder builder)
    {
        HostSetup.ConfigureNativeRuntime(builder.Configuration); // before any thread touches torch
        var services = builder.Services;
        services.AddSeqServeLogging();
        services.AddSeqServeJobs(builder.Configuration);

        services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelLookup>();
        services.AddSequenceSessions();
        services.AddSeqServeBatching();
        services.AddSeqServeMetrics();
        services.AddHostedService<ModelStoreWatcher>();

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddSeqServeHealth();

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
        });
        return builder;
    }

    public static WebApplication UseSeqServeApi(this WebApplication app)
    {
        // Request logging sits outside the exception handler, so it logs the status the client got
        // (a 400 for bad input), not the exception on its way to being turned into a problem.
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimit>();
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "SeqServe");
        app.MapGet("/", () => TypedResults.Redirect("/swagger")).ExcludeFromDescription();

        app.MapJobsApi();
        app.MapModelsApi();
        app.MapDatasetsApi();
        app.MapSequenceApi();
        app.MapClassifyApi();
        app.MapGenerateApi();
        app.MapSessionsApi();
        app.MapSentimentApi();
        app.MapPosApi();
        app.MapSeqServeHealth();
        app.MapMetrics();
        return app;
    }
}
