using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gateway.Storage;

/// <summary>
/// Stores every instant as UTC Unix milliseconds, the same on SQLite and PostgreSQL, so the raw SQL of the
/// refresh path compares plain integers on both providers.
/// </summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
