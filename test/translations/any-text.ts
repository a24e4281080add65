/** Text for the format tests' properties. */
import fc from "fast-check";

/** Any Unicode text, with the pieces that break careless XML: markup, line ends, controls. */
export const anyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "ពាក្យសុំសិទ្ធិជ្រកកោន",
        "난민 인정 신청",
        "{date}",
        "{name}",
        "<",
        ">",
        "&",
        "&amp;",
        "]]>",
        "<![CDATA[x]]>",
        '"',
        "'",
        "\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "  ",
        "\u0007",
        "\u001b",
        "\ufffe",
        "\uffff",
        "\u200b",
        "😀",
        "<!DOCTYPE x>",
      ),
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));
