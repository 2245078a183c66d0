namespace CilBench.Reports.Site;

/// <summary>The site's one stylesheet: system fonts only (nothing fetched), tables that print, status shown in words and not by colour alone.</summary>
internal static class SiteStyle
{
    public const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;padding:1em 2em;max-width:1280px;color:#1a1a1a;line-height:1.4}
        nav{font-size:90%;margin-bottom:1em}
        h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;margin:0.8em 0;font-size:90%}
        caption{text-align:left;font-weight:bold;padding:4px 0}
        th,td{border:1px solid #bbb;padding:3px 7px;text-align:right;vertical-align:top}
        th{background:#f0f0f0}
        td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}
        td.note,td:last-child{text-align:left}
        tr.problem td{background:#fff4e5}
        tr.reference td{font-style:italic}
        .status{font-weight:bold}
        code{font-size:90%;word-break:break-all}
        figure{margin:1em 0;max-width:100%;overflow-x:auto}
        figcaption{font-size:90%;color:#444}
        .claim{color:#444;font-size:90%}
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dl.facts dt{font-weight:bold}dl.facts dd{margin:0}
        footer{margin-top:3em;font-size:85%;color:#555;border-top:1px solid #ccc;padding-top:0.5em}
        pre{white-space:pre-wrap;font-size:85%}
        @media print{
          body{max-width:none;padding:0;font-size:10pt}
          nav,footer{display:none}
          h2{break-after:avoid}
          table,figure{break-inside:avoid}
          th{background:none}
          tr.problem td{background:none;border-width:2px}
          a{color:inherit;text-decoration:none}
        }
        """;
}
