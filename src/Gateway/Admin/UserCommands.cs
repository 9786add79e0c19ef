using System.CommandLine;
using Gateway.Sessions.Revocation;
using Gateway.Users;

namespace Gateway.Admin;

internal static class UserCommands
{
    public static Command Create(AdminContext context)
    {
        var users = new Command("users", "Create, list and remove users; set passwords.");

        var name = new Argument<string>("NAME") { Description = "The user name." };
        var roles = new Option<string[]>("--role") { Description = "A role (repeatable).", AllowMultipleArgumentsPerToken = false };
        var passwordStdin = PasswordStdinOption();
        var add = new Command("add", "Create a user.") { name, roles, passwordStdin };
        add.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            RequireLocalUsers(services);
            var password = ReadPassword(context, parse, passwordStdin);
            var result = await services.GetRequiredService<UserService>()
                .CreateAsync(parse.GetValue(name)!, parse.GetValue(roles) ?? [], password, isDemo: false, ct);
            Require(result);
            await context.Console.Out.WriteLineAsync($"User '{result.User!.Name}' created (id {result.User.Id}).");
        }, cancellationToken));

        var list = new Command("list", "List users.");
        list.SetAction((_, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var rows = (await services.GetRequiredService<UserService>().ListAsync(ct))
                .Select(user => new[] { user.Name, string.Join(',', user.Roles), user.CreatedAt.ToString("u"), user.Id });
            await AdminTable.WriteAsync(context.Console.Out, ["NAME", "ROLES", "CREATED", "ID"], rows);
        }, cancellationToken));

        var removeName = new Argument<string>("NAME") { Description = "The user name." };
        var remove = new Command("remove", "Remove a user and end all their sessions.") { removeName };
        remove.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var userService = services.GetRequiredService<UserService>();
            var user = await FindAsync(userService, parse.GetValue(removeName)!, ct);
            await services.GetRequiredService<SessionRevoker>().RevokeUserSessionsAsync(user.Id, null, RevocationReasons.Admin, RevocationActors.Admin, null, ct);
            await userService.RemoveAsync(user, ct);
            await context.Console.Out.WriteLineAsync($"User '{user.Name}' removed.");
        }, cancellationToken));

        var setName = new Argument<string>("NAME") { Description = "The user name." };
        var setStdin = PasswordStdinOption();
        var setPassword = new Command("set-password", "Set a user's password and end all their sessions.") { setName, setStdin };
        setPassword.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            RequireLocalUsers(services);
            var userService = services.GetRequiredService<UserService>();
            var user = await FindAsync(userService, parse.GetValue(setName)!, ct);
            Require(await userService.SetPasswordAsync(user, ReadPassword(context, parse, setStdin), "admin", ct));
            var revoked = await services.GetRequiredService<SessionRevoker>()
                .RevokeUserSessionsAsync(user.Id, null, RevocationReasons.PasswordChanged, RevocationActors.Admin, null, ct);
            await context.Console.Out.WriteLineAsync($"Password of '{user.Name}' set; {revoked} session(s) ended.");
        }, cancellationToken));

        users.Subcommands.Add(add);
        users.Subcommands.Add(list);
        users.Subcommands.Add(remove);
        users.Subcommands.Add(setPassword);
        return users;
    }

    public static async Task<User> FindAsync(UserService users, string name, CancellationToken cancellationToken) =>
        await users.FindAsync(name, cancellationToken) ?? throw new AdminCommandException($"No user named '{name}'.");

    private static void RequireLocalUsers(IServiceProvider services)
    {
        if (SessionCommands.IsOidc(services))
        {
            throw new AdminCommandException(
                "local users are disabled in Oidc mode (Gateway:Authentication:Mode): users sign in at the OpenID Provider.");
        }
    }

    private static Option<bool> PasswordStdinOption() =>
        new("--password-stdin") { Description = "Read the password from standard input (required: passwords never go in arguments)." };

    // A bool option always has a value, so System.CommandLine cannot enforce Required on it: check here.
    private static string ReadPassword(AdminContext context, ParseResult parse, Option<bool> passwordStdin) =>
        parse.GetValue(passwordStdin)
            ? context.Console.ReadPassword()
            : throw new AdminCommandException("--password-stdin is required: pipe the password into the command.");

    private static void Require(UserChangeResult result)
    {
        if (!result.Succeeded)
        {
            throw new AdminCommandException(result.Error!);
        }
    }
}
