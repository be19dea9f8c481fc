namespace SeqServe.Api.Hosting;

/// <summary>The dashboard at <c>/</c>: static files (wwwroot: plain HTML, CSS and JavaScript) over the public API.</summary>
public static class Dashboard
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
