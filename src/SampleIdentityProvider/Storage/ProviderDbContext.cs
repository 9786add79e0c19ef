using Microsoft.EntityFrameworkCore;

namespace SampleIdentityProvider.Storage;

/// <summary>OpenIddict's applications, authorizations, scopes and tokens (configured with <c>UseOpenIddict()</c>).</summary>
internal sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
