namespace Telepath.Hub.Previews;

/// <summary>The outcome of changing a preview on someone's behalf.</summary>
public enum PreviewChange
{
    Done,

    /// <summary>No such active preview in the caller's organisation: another organisation's looks the same.</summary>
    NotFound,

    /// <summary>In the caller's organisation, but only its owner may change it.</summary>
    NotOwner,
}
