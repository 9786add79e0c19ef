using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Users;

internal static class UsersServiceCollectionExtensions
{
    /// <summary>Password hashing and policy, credential checks with lockout, user administration and the demo user.</summary>
    public static IServiceCollection AddGatewayUsers(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        services.AddOptions<LockoutOptions>().BindConfiguration(LockoutOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LockoutOptions>, LockoutOptionsValidator>());
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<CommonPasswords>();
        services.TryAddSingleton<PasswordPolicy>();
        services.TryAddScoped<CredentialChecker>();
        services.TryAddScoped<UserService>();
        services.AddHostedService<DemoUserSeeder>();
        return services;
    }
}
