/**
 * The notice's Typst template. It reads the whole notice from `sys.inputs.notice` (JSON): every
 * value is inserted as text, never read as markup, so nothing in a name or in the reasons can
 * change the document (a test renders `#panic()`, `]` and `"` in the reasons literally).
 */
export const NOTICE_TEMPLATE = String.raw`
#let n = json(bytes(sys.inputs.notice))
#set document(title: n.title, author: n.issuer)
#set page(
  paper: "a4",
  margin: (x: 2.2cm, top: 2cm, bottom: 2.2cm),
  footer: context [
    #set text(size: 8pt, fill: luma(90))
    #n.caseNumber #h(1fr) #counter(page).display("1 / 1", both: true)
  ],
)
#set text(font: n.fonts, size: 10.5pt, lang: "ko")
#set par(justify: false, leading: 0.75em, spacing: 1em)

#let heading-row(label) = text(weight: "bold", size: 11.5pt)[#label]
#let section(label, body) = {
  v(6pt)
  block(sticky: true, below: 6pt, heading-row(label))
  body
}

#if n.preview != none {
  block(width: 100%, fill: luma(230), inset: 7pt, radius: 2pt)[#text(weight: "bold")[#n.preview]]
}

#align(center)[#text(size: 17pt, weight: "bold")[#n.title]]
#v(2pt)
#align(right)[#n.labels.caseNumber: #n.caseNumber]

#table(
  columns: (7em, 1fr),
  stroke: 0.5pt + luma(120),
  inset: 6pt,
  [#n.labels.names], [#n.applicant.names.join(" / ")],
  [#n.labels.nationality], [#n.applicant.nationality],
  ..if n.applicant.birthDate != none { ([#n.labels.birthDate], [#n.applicant.birthDate]) } else { () },
  [#n.labels.decidedOn], [#n.decidedOn],
  ..if n.servedOn != none { ([#n.labels.servedOn], [#n.servedOn]) } else { () },
)

#section(n.labels.decision)[
  #block(inset: (left: 8pt), stroke: (left: 2pt + luma(80)))[#text(weight: "bold")[#n.outcome]]
]

#section(n.labels.basis)[
  #for b in n.basis [- #b
  ]
]

#section(n.labels.reasons)[
  #for p in n.reasons [#par(p)
  ]
]

#if n.remedies.len() > 0 {
  section(n.labels.remedies)[
    #for r in n.remedies {
      block(breakable: false)[
        #text(weight: "bold")[#r.title] \
        #r.text \
        #text(weight: "bold")[#r.due]
      ]
    }
  ]
}

#if n.follows.len() > 0 {
  section(n.labels.follows)[
    #for f in n.follows [#par(f)
    ]
  ]
}

#v(10pt)
#n.closing
#v(6pt)
#align(right)[#n.issuedOn \ #text(size: 12pt, weight: "bold")[#n.issuer]]

#if n.translation != none {
  let tr = n.translation
  v(14pt)
  line(length: 100%, stroke: 0.5pt + luma(120))
  set text(lang: tr.lang)
  text(weight: "bold")[#tr.heading]
  parbreak()
  text(size: 9pt, style: "italic")[#tr.note]
  section(tr.labels.decision)[#text(weight: "bold")[#tr.outcome]]
  if tr.reasons.len() > 0 {
    section(tr.labels.reasons)[
      #for p in tr.reasons [#par(p)
      ]
    ]
  }
  if tr.remedies.len() > 0 {
    section(tr.labels.remedies)[
      #for r in tr.remedies {
        block(breakable: false)[
          #text(weight: "bold")[#r.title] \
          #r.text \
          #text(weight: "bold")[#r.due]
        ]
      }
    ]
  }
  if tr.follows.len() > 0 {
    section(tr.labels.follows)[
      #for f in tr.follows [#par(f)
      ]
    ]
  }
}
`;
