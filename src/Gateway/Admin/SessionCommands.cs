using System.CommandLine;

namespace Gateway.Admin;

internal static class SessionCommands
{
    public static Command Create(AdminContext context)
    {
        var sessions = new Command("sessions", "List and revoke sessions.");
        return sessions;
    }
}
