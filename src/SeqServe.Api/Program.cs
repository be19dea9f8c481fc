using SeqServe.Api.Hosting;
using SeqServe.Jobs.Hosting;

if (ChildRun.Is(args)) return ChildRun.Main(args); // one training run, started by a worker node

return await HostRun.RunAsync(() =>
{
    // appsettings.json sits beside the program: found whatever folder the service is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
    });
    builder.AddSeqServeApi();

    var app = builder.Build();
    app.UseSeqServeApi();
    return app;
});

/// <summary>The web host; public so tests can start it with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
