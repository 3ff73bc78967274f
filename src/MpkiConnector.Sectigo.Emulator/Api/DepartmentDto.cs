namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>A department in the organisation list.</summary>
internal sealed record DepartmentDto(int Id, string Name, string ParentName);
