using SeqServe.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSeqServeApi();

var app = builder.Build();
app.UseSeqServeApi();
app.Run();

/// <summary>The web host; public so tests can start it with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
