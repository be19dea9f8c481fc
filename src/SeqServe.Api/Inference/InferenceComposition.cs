namespace SeqServe.Api.Inference;

/// <summary>The Open Inference Protocol routes (/v2) and the TorchScript upload route, with their options.</summary>
public static class InferenceComposition
{
    public static IServiceCollection AddInferenceApi(this IServiceCollection services)
    {
        services.AddOptions<TorchScriptOptions>().BindConfiguration(TorchScriptOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapInferenceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOipApi();
        routes.MapTorchScriptUpload();
        return routes;
    }
}
