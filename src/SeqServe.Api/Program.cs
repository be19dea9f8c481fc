using SeqServe.Api.Hosting;

return await HostRun.RunAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSeqServeApi();

    var app = builder.Build();
    app.UseSeqServeApi();
    return app;
});

/// <summary>The web host; public so tests can start it with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
