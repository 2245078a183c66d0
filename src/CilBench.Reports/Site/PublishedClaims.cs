using CilBench.Core.Protocols;

namespace CilBench.Reports.Site;

/// <summary>
/// The figures a protocol file records as published (`published` per method, with their source), and which file that
/// was: its SHA-256 is set beside the runs' so a reader sees whether the claims belong to the protocol the runs used.
/// </summary>
public sealed record PublishedClaims(string Protocol, string File, string Sha256, IReadOnlyDictionary<string, PublishedFigures> Figures)
{
    public static PublishedClaims Of(Protocol protocol) =>
        new(protocol.Name, protocol.File ?? protocol.Name, protocol.Sha256, protocol.Spec.Published);
}
