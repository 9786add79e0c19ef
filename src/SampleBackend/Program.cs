using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace SampleBackend;

/// <summary>
/// A downstream API that trusts the gateway the stock way: JwtBearer with the gateway as Authority (keys from its
/// discovery document and JWKS, no shared secret), configured under <c>Authentication:Schemes:Bearer</c>.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static void Main(string[] args) => Build(args).Run();

    private const string DefaultUrl = "http://localhost:5100";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Its own folder is the content root: started from the repository root it must not read the gateway's appsettings.json.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        // A default in appsettings.json would beat ASPNETCORE_URLS (the file is read after the environment): set it
        // here, only when no source (ASPNETCORE_URLS, --urls, Urls, the *_PORTS settings, Kestrel endpoints) names one.
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, ApplyGatewayRules);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(CallerInfo.From(user))).RequireAuthorization();
        app.MapGet("/api/health", () => TypedResults.Ok(new { status = "healthy" }));
        return app;
    }

    /// <summary>What the gateway's tokens promise (RFC 9068 access tokens, asymmetric keys), checked strictly.</summary>
    private static void ApplyGatewayRules(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        var parameters = options.TokenValidationParameters;

        // The issuer comes from the discovery document; check it even though the section names none.
        parameters.ValidateIssuer = true;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidTypes = ["at+jwt"];
        parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        parameters.NameClaimType = "name";
        parameters.RoleClaimType = "role";
    }
}
