using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SeqServe.Api.Security;

/// <summary>
/// The authorization policies routes name: <c>predict</c> (predictions and reads: open unless
/// Auth:RequireKeyForPredictions), <c>train</c> (submit and cancel own jobs), <c>admin</c> (everything).
/// </summary>
public static class Policies
{
    public const string Predict = Scopes.Predict;
    public const string Train = Scopes.Train;
    public const string Admin = Scopes.Admin;

    public static bool Has(this ClaimsPrincipal user, string scope) =>
        user.HasClaim(ApiKeyAuthentication.ScopeClaim, Scopes.Admin) ||
        user.HasClaim(ApiKeyAuthentication.ScopeClaim, scope) ||
        (scope == Scopes.Predict && user.HasClaim(ApiKeyAuthentication.ScopeClaim, Scopes.Train));

    public static IServiceCollection AddSeqServeAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyRing>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, PredictAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Predict, p => p.AddRequirements(new PredictAccess()))
            .AddPolicy(Train, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(Scopes.Train)))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(Scopes.Admin)));
        return services;
    }

    private sealed class PredictAccess : IAuthorizationRequirement;

    /// <summary>Anyone, unless Auth:RequireKeyForPredictions; then a key with the predict scope (or a wider one).</summary>
    private sealed class PredictAccessHandler(IOptions<AuthOptions> auth) : AuthorizationHandler<PredictAccess>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PredictAccess requirement)
        {
            // A key that was sent but is not valid is a 401 everywhere, even where no key is needed.
            var sentBadKey = context.Resource is HttpContext http && ApiKeyAuthentication.Presented(http.Request) is not null
                             && context.User.Identity?.IsAuthenticated != true;
            if (!sentBadKey && (!auth.Value.RequireKeyForPredictions || context.User.Has(Scopes.Predict))) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
