using System.Data.Common;

namespace Gateway.Sessions.Refresh;

/// <summary>The parameters of the rotation statement, named as the statement names them.</summary>
internal static class RotationParameters
{
    public static void Bind(DbCommand command, RotationWrite write)
    {
        Add(command, "hash", write.PresentedHash);
        Add(command, "next", write.SuccessorHash);
        Add(command, "cookies", write.SuccessorCookies);
        Add(command, "sid", write.SessionId);
        Add(command, "now", write.Now.ToUnixTimeMilliseconds());
        Add(command, "expires", write.SuccessorExpiresAt.ToUnixTimeMilliseconds());
        Add(command, "ip", write.Client.Ip);
        Add(command, "agent", write.Client.UserAgent);
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
