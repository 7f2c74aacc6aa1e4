/// The demo's pricing procedures, procedure plan and a sample quote.
extension DemoDefinitions {
    static let standardProcedure = header("PricingProcedure", "standard", "How direct sales price a line.") + """
        context:
          header: { promotion: string }
        elements:
          - { id: list, sequence: 10, kind: listPrice, label: List price }
          - { id: contract, sequence: 20, kind: contractPrice, label: Contract price }
          - id: term
            sequence: 30
            kind: termPricing
            label: Subscription term
            schedule:
              - { lower: 1, upper: 24, adjustment: { type: percent, value: 0 } }
              - { lower: 24, upper: 36, adjustment: { type: percent, value: 5 } }
              - { lower: 36, adjustment: { type: percent, value: 10 } }
          - id: memory
            sequence: 40
            kind: attributeAdjustment
            label: Memory upgrade
            rules:
              - when: 'has("Memory") and attr("Memory") == "32GB"'
                adjustment: { type: amount, value: { USD: -200, EUR: -184, GBP: -158 } }
              - when: 'has("Memory") and attr("Memory") == "64GB"'
                adjustment: { type: amount, value: { USD: -500, EUR: -460, GBP: -395 } }
          - id: bundle
            sequence: 50
            kind: bundleAdjustment
            label: Bundle discount
            rules:
              - { parent: WORKSTATION-BUNDLE, adjustment: { type: percent, value: 10 } }
              - { parent: OFFICE-STARTER, adjustment: { type: percent, value: 8 } }
              - { parent: DATACENTER-STARTER, adjustment: { type: percent, value: 12 } }
              - { parent: SECURITY-BUNDLE, adjustment: { type: percent, value: 10 } }
              - { parent: REMOTE-WORK-KIT, adjustment: { type: percent, value: 5 } }
          - id: volume
            sequence: 60
            kind: volumeDiscount
            label: Volume discount
            condition: 'productType == "commercial"'
            tiers:
              - { lower: 1, upper: 10, adjustment: { type: percent, value: 0 } }
              - { lower: 10, upper: 50, adjustment: { type: percent, value: 5 } }
              - { lower: 50, upper: 250, adjustment: { type: percent, value: 10 } }
              - { lower: 250, adjustment: { type: percent, value: 15 } }
          - { id: manual, sequence: 70, kind: manualDiscount, label: Sales discount }
          - id: guardrail
            sequence: 80
            kind: guardrail
            label: Discount and margin guardrail
            maxDiscountPercent: 40

        """

    static let partnerProcedure = header("PricingProcedure", "partner", "How the partner portal prices a line.") + """
        elements:
          - { id: list, sequence: 10, kind: listPrice, label: Partner list price }
          - { id: contract, sequence: 20, kind: contractPrice, label: Contract price }
          - { id: term, sequence: 30, kind: termPricing, label: Subscription term }
          - id: volume
            sequence: 40
            kind: tierDiscount
            label: Partner graduated discount
            tiers:
              - { lower: 1, upper: 20, adjustment: { type: percent, value: 0 } }
              - { lower: 20, upper: 100, adjustment: { type: percent, value: 4 } }
              - { lower: 100, adjustment: { type: percent, value: 8 } }
          - { id: manual, sequence: 50, kind: manualDiscount, label: Deal registration discount }
          - { id: guardrail, sequence: 60, kind: guardrail, label: Partner guardrail, maxDiscountPercent: 25 }
          - { id: round, sequence: 70, kind: rounding, label: Round to the cent, mode: halfUp }

        """

    static let plan = header("ProcedurePlan", "default", "Which procedure prices a quote.") + """
        sections:
          - id: pricing
            resolution: ruleBased
            defaultProcedure: standard
            options:
              - procedure: partner
                priority: 1
                criteria: ['channel == "partner"']

        """

    static let sampleQuote = """
        # A sample quote: `revenue price --definitions revenue-demo/definitions revenue-demo/quotes/sample-quote.yaml`
        header:
          id: Q-2026-0042
          account: ACME
          channel: direct
          currency: USD
          pricingDate: 2026-03-01
        lines:
          - { id: "1", product: WORKSTATION-BUNDLE, quantity: 12, attributes: { Region: EU } }
          - { id: "1.1", parent: "1", product: LAPTOP-16, quantity: 12, attributes: { Region: EU, Memory: 64GB } }
          - { id: "1.2", parent: "1", product: MONITOR-27, quantity: 24 }
          - { id: "2", product: CRM-PRO, quantity: 60, sellingModel: termDefined, termMonths: 36, attributes: { Region: EU } }
          - { id: "3", product: LAPTOP-14, quantity: 5, attributes: { Region: US },
              manualDiscount: { type: percent, value: 12.5 } }
          - { id: "4", product: SUPPORT-PREMIUM, quantity: 1, sellingModel: evergreen, termMonths: 12 }

        """
}
