using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Users;

internal static class UsersServiceCollectionExtensions
{
    /// <summary>Password hashing and policy, credential checks with smart lockout (per user name and network), the networks users sign in from, user administration and the demo user.</summary>
    public static IServiceCollection AddGatewayUsers(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        services.AddValidatedOptions<LockoutOptions, LockoutOptionsValidator>(LockoutOptions.SectionName);
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<CommonPasswords>();
        services.TryAddSingleton<PasswordPolicy>();
        services.TryAddScoped<CredentialChecker>();
        services.TryAddSingleton<LoginLockout>();
        services.TryAddScoped<SignInNetworks>();
        services.TryAddScoped<UserService>();
        services.TryAddScoped<PasswordChangeService>();
        services.AddHostedService<DemoUserSeeder>();
        return services;
    }
}
