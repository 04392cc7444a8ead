# Texte fixe des lettres (pledgewatch_report::letter). Le contenu du dossier
# (énoncés des engagements, noms, intitulés, enjeux) reste tel qu'il a été
# saisi et figure entre guillemets.

## Titres et formules d'appel.
letter-title = Lettre à { $who }
letter-titles = Lettres : { $title }
letter-salutation-minister = Madame, Monsieur le Ministre,
letter-salutation-general = Madame, Monsieur,

## Objet et lieu où les engagements ont été pris.
letter-subject-at = Engagements pris par l'État ({ $bound }) lors de la réunion « { $occasion } » ({ $when })
letter-subject-on = Engagements pris par l'État ({ $bound }) le { $date }
letter-made-at = lors de la réunion « { $occasion } » ({ $when })
letter-made-at-in = lors de la réunion « { $occasion } » à { $place } ({ $when })
letter-made-on = le { $date }
letter-when-place = { $place }, { $span }

## Ouverture.
letter-opening = Il y a { $since }{ $at }, l'État ({ $bound }) a pris { $n ->
    [one] un engagement public
   *[other] { $n } engagements publics
}.
letter-at = , lors de la réunion « { $occasion } »
letter-at-in = , lors de la réunion « { $occasion } » à { $place }

## Ce que la lettre demande d'aborder ($shape : lack, steps, progress, steps-still).
letter-concern = { $shape ->
    [lack] l'absence de progrès dans la mise en œuvre
    [steps] les mesures nécessaires à la mise en œuvre
    [progress] les progrès encore nécessaires à la mise en œuvre
   *[steps-still] les mesures encore nécessaires à la mise en œuvre
} { $n ->
    [one] de cet engagement
   *[other] de ces engagements
}

## Qui a promis quoi, et pour quand.
letter-pledges-by = { $made }, { $pledger } s'est engagé au nom de l'État ({ $bound }) à : { $list }.
letter-pledges = { $made }, l'État ({ $bound }) s'est engagé à : { $list }.
letter-pledger-role = { $name } ({ $role })
letter-group = { $statements } ({ $timing })
letter-before-milestone = avant « { $milestone } », { $date }

## Les progrès selon les évaluations.
letter-progress = { $n ->
    [one] Cet engagement a été accueilli favorablement.
   *[other] Ces engagements ont été accueillis favorablement.
} { $yet ->
    [yes] Pourtant, { $since }
   *[no] { $since }
} après { $n ->
    [one] qu'il a été pris
   *[other] qu'ils ont été pris
}, { $facts }.
letter-direct-progress = { $since } après { $n ->
    [one] qu'il a été pris
   *[other] qu'ils ont été pris
}, { $facts }.
letter-too-early = il est trop tôt pour juger des progrès
letter-fact-progress = des progrès ont été accomplis pour { $p } sur { $n }
letter-fact-none = { $all ->
    [yes] aucun n'enregistre de progrès
   *[no] { $k } sur { $n } { $k ->
        [one] n'enregistre aucun progrès
       *[other] n'enregistrent aucun progrès
    }
}
letter-fact-back = { $direct ->
    [yes] votre gouvernement
   *[no] le gouvernement
} est peut-être en train de revenir sur { $b ->
    [one] son engagement
   *[other] ses engagements
} { $list }
letter-fact-unassessed = { $u ->
    [one] { $u } n'a pas encore été évalué
   *[other] { $u } n'ont pas encore été évalués
}
letter-overdue = { $shape ->
    [single] L'échéance de cet engagement est passée.
    [all] L'échéance est passée pour les { $n }.
   *[some] L'échéance est passée pour { $o } d'entre eux.
}

## Le mémorandum joint et la demande.
letter-memo = Le mémorandum ci-joint, « { $title } », confronte { $n ->
    [one] cet engagement
   *[other] ces engagements
} à la situation actuelle{ $steps }.
letter-memo-steps-all = { " " }et expose les mesures précises que le gouvernement devrait prendre pour { $n ->
    [one] le tenir
   *[other] les tenir
}
letter-memo-steps-some = { " " }et expose les mesures que le gouvernement devrait prendre pour en tenir { $k }
letter-memo-concerns = Il décrit également des problèmes de droits de l'homme qui dépassent ces engagements.
letter-memo-concerns-steps = Il décrit également des problèmes de droits de l'homme qui dépassent ces engagements et expose les mesures à prendre pour y remédier.
letter-request = Nous vous demandons de veiller à ce que le gouvernement de l'État ({ $bound }) respecte ses engagements.

## Les nombres qu'un modèle personnalisé peut utiliser.
letter-facts-progress = { $with } sur { $n } enregistrent des progrès
letter-facts-deadlines = { $o ->
    [0] aucun n'a encore dépassé son échéance
    [one] { $o } a dépassé son échéance
   *[other] { $o } ont dépassé leur échéance
}
