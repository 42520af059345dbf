namespace Registry.Api.Infrastructure;

/// <summary>One credential per officer: an opaque bearer token, the officer's name (recorded in audit and receipts) and a role.</summary>
public sealed class OfficerCredential
{
    public string Token { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = Roles.Officer;
}

public sealed class OfficerOptions
{
    public List<OfficerCredential> Credentials { get; set; } = [];
}
