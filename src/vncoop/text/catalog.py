"""vncoop's own words in French and Vietnamese, looked up by their English (see :mod:`vncoop.text.i18n`).

Each entry is ``English: (French, Vietnamese)``. A message keeps its ``{placeholders}`` in every
language (a test checks it, and that every :func:`~vncoop.text.i18n.tr` call in the source has
its entry). Vietnamese names a fact "dữ kiện".
"""

from __future__ import annotations

# Field names as table headers and ``show`` labels (``--fields`` keeps taking the English names).
LABELS: dict[str, tuple[str, str]] = {
    "id": ("id", "mã"),
    "kind": ("type", "loại"),
    "title": ("titre", "tiêu đề"),
    "summary": ("résumé", "tóm tắt"),
    "titles": ("titres", "các tiêu đề"),
    "summaries": ("résumés", "các tóm tắt"),
    "date": ("date", "ngày"),
    "date_derived": ("date déduite", "ngày suy ra"),
    "partners": ("partenaires", "đối tác"),
    "organizations": ("organisations", "tổ chức"),
    "sectors": ("secteurs", "lĩnh vực"),
    "measure": ("mesure", "chỉ số"),
    "amount": ("montant", "số tiền"),
    "scale": ("échelle", "quy mô"),
    "currency": ("devise", "tiền tệ"),
    "unit": ("unité", "đơn vị"),
    "qualifier": ("précision", "mức chính xác"),
    "period": ("période", "giai đoạn"),
    "investor": ("investisseur", "nhà đầu tư"),
    "recipient": ("destinataire", "bên nhận"),
    "count": ("nombre", "số lượng"),
    "trainees": ("personnes formées", "đối tượng đào tạo"),
    "field": ("domaine", "ngành"),
    "deadline": ("échéance", "thời hạn"),
    "trainer": ("formateur", "đơn vị đào tạo"),
    "name": ("nom", "tên"),
    "location": ("lieu", "địa điểm"),
    "organizers": ("organisateurs", "đơn vị tổ chức"),
    "attendance": ("participation", "số người tham dự"),
    "attendance_qualifier": ("précision (participation)", "mức chính xác (tham dự)"),
    "participants": ("participants", "bên tham gia"),
    "patrons": ("patronage", "bảo trợ"),
    "parties": ("parties", "các bên"),
    "scope": ("portée", "phạm vi"),
    "committed_by": ("engagé par", "bên cam kết"),
    "beneficiary": ("bénéficiaire", "bên thụ hưởng"),
    "instrument": ("instrument", "văn bản"),
    "issuing_body": ("émetteur", "cơ quan ban hành"),
    "metric": ("indicateur", "chỉ tiêu"),
    "holder": ("fixé par", "bên đặt mục tiêu"),
    "value": ("valeur", "giá trị"),
    "value_max": ("valeur max.", "giá trị tối đa"),
    "as_of": ("à la date du", "tính đến"),
    "relationship": ("relation", "quan hệ"),
    "milestone": ("étape", "cột mốc"),
    "speaker": ("auteur", "người phát biểu"),
    "addressed_to": ("adressé à", "gửi tới"),
    "position": ("propos", "nội dung"),
    "amount_value": ("montant (valeur)", "số tiền (giá trị)"),
    "amount_currency": ("montant (devise)", "số tiền (tiền tệ)"),
    "entities": ("entités", "thực thể"),
    "keywords": ("mots-clés", "từ khóa"),
    "evidence": ("preuves", "bằng chứng"),
    "source": ("source", "nguồn"),
    "quote": ("citation", "trích dẫn"),
    "score": ("score", "điểm"),
    "matches": ("correspondances", "khớp"),
    "sources": ("sources", "nguồn"),
    "snippet": ("extrait", "trích đoạn"),
    # sources, coverage, stats, facets, compare, profiles
    "publisher": ("éditeur", "cơ quan đăng"),
    "language": ("langue", "ngôn ngữ"),
    "published": ("publié le", "ngày đăng"),
    "url": ("url", "url"),
    "text": ("texte", "văn bản"),
    "sha256": ("sha256", "sha256"),
    "notes": ("notes", "ghi chú"),
    "archive": ("archive", "bản lưu"),
    "title_is_description": ("titre descriptif", "tiêu đề mô tả"),
    "facts": ("faits", "dữ kiện"),
    "group": ("groupe", "nhóm"),
    "year": ("année", "năm"),
    "partner": ("partenaire", "đối tác"),
    "sector": ("secteur", "lĩnh vực"),
    "label": ("libellé", "nhãn"),
    "flags": ("signaux", "dấu hiệu"),
    "sentence": ("phrase", "câu"),
}

# Kinds and sectors as a table shows them (options and JSON keep the codes: --kind training_target).
VALUES: dict[str, tuple[str, str]] = {
    # kinds
    "investment": ("investissement", "đầu tư"),
    "training_target": ("objectif de formation", "mục tiêu đào tạo"),
    "event": ("événement", "sự kiện"),
    "agreement": ("accord", "thỏa thuận"),
    "commitment": ("engagement", "cam kết"),
    "policy": ("politique", "chính sách"),
    "target": ("objectif", "mục tiêu"),
    "statistic": ("statistique", "thống kê"),
    "milestone": ("étape", "cột mốc"),
    "statement": ("déclaration", "phát biểu"),
    # sectors (investment is both)
    "semiconductors": ("semi-conducteurs", "bán dẫn"),
    "ai": ("IA", "AI"),
    "digital-transformation": ("transformation numérique", "chuyển đổi số"),
    "ict": ("TIC", "CNTT-TT"),
    "telecom": ("télécoms", "viễn thông"),
    "green-transition": ("transition verte", "chuyển đổi xanh"),
    "human-resources": ("ressources humaines", "nguồn nhân lực"),
    "trade": ("commerce", "thương mại"),
    "startups": ("start-up", "khởi nghiệp"),
    "innovation": ("innovation", "đổi mới sáng tạo"),
    "infrastructure": ("infrastructures", "hạ tầng"),
    "manufacturing": ("industrie manufacturière", "sản xuất"),
    "finance": ("finance", "tài chính"),
    "transport": ("transports", "giao thông vận tải"),
    "energy": ("énergie", "năng lượng"),
    "diplomacy": ("diplomatie", "ngoại giao"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # tables, profiles, show
    "{count} facts": ("{count} faits", "{count} dữ kiện"),
    "By kind": ("Par type", "Theo loại"),
    "By partner": ("Par partenaire", "Theo đối tác"),
    "By sector": ("Par secteur", "Theo lĩnh vực"),
    "By year": ("Par année", "Theo năm"),
    "Sources": ("Sources", "Nguồn"),
    "Sentences no quote covers": ("Phrases qu'aucune citation ne couvre", "Các câu chưa có trích dẫn nào"),
    "Evidence {index}: ": ("Preuve {index} : ", "Bằng chứng {index}: "),
    "undated": ("sans date", "không ghi ngày"),
    "by {year}": ("d'ici {year}", "đến năm {year}"),
    "Partner": ("Partenaire", "Đối tác"),
    "Facts": ("Faits", "Dữ kiện"),
    "Investment figures": ("Chiffres d'investissement", "Số liệu đầu tư"),
    "Training targets": ("Objectifs de formation", "Mục tiêu đào tạo"),
    "Events": ("Événements", "Sự kiện"),
    "Entity": ("Entité", "Thực thể"),
    "Type": ("Type", "Loại"),
    "organization": ("organisation", "tổ chức"),
    "person": ("personne", "cá nhân"),
    "group": ("groupe", "nhóm"),
    "Names": ("Noms", "Tên"),
    "Acronyms": ("Sigles", "Tên viết tắt"),
    "Also written": ("Autres graphies", "Cách viết khác"),
    "Country": ("Pays", "Quốc gia"),
    "Description": ("Description", "Mô tả"),
    "Members": ("Membres", "Thành viên"),
    "Member of": ("Membre de", "Thành viên của"),
    "Named as": ("Cité comme", "Được nêu với vai trò"),
    # not found, did you mean
    "; did you mean {choices}?": ("; vouliez-vous dire {choices} ?", "; có phải ý bạn là {choices}?"),
    "unknown partner {name}{hint}": ("partenaire inconnu {name}{hint}", "đối tác không rõ {name}{hint}"),
    "Vietnam is the home country: every fact concerns it, so none lists it as a partner (`vncoop list` shows every fact)": (  # noqa: E501
        "le Vietnam est le pays d'origine : chaque fait le concerne, aucun ne le cite donc comme partenaire "
        "(`vncoop list` montre tous les faits)",
        "Việt Nam là nước sở tại: mọi dữ kiện đều liên quan đến Việt Nam nên không dữ kiện nào ghi Việt Nam là đối tác "
        "(`vncoop list` hiển thị mọi dữ kiện)",
    ),
    "unknown organisation or person {name}{hint}": (
        "organisation ou personne inconnue {name}{hint}",
        "tổ chức hoặc cá nhân không rõ {name}{hint}",
    ),
    " (this corpus has no entities.yaml)": (
        " (ce corpus n'a pas de entities.yaml)",
        " (kho dữ liệu này không có entities.yaml)",
    ),
    "{name} names {count} entities: {listed}; give the id": (
        "{name} désigne {count} entités : {listed} ; donner l'id",
        "{name} chỉ {count} thực thể: {listed}; hãy ghi mã",
    ),
    "unknown source {name}{hint}": ("source inconnue {name}{hint}", "nguồn không rõ {name}{hint}"),
    "unknown {what} {value}{hint} (valid: {choices})": (
        "{what} inconnu(e) {value}{hint} (valeurs possibles : {choices})",
        "{what} không rõ {value}{hint} (hợp lệ: {choices})",
    ),
    "no fact with id {id}{hint}": ("aucun fait avec l'id {id}{hint}", "không có dữ kiện nào có mã {id}{hint}"),
    "no source with id {id}{hint}": ("aucune source avec l'id {id}{hint}", "không có nguồn nào có mã {id}{hint}"),
    "no fact or source with id {id}{hint}": (
        "aucun fait ni aucune source avec l'id {id}{hint}",
        "không có dữ kiện hay nguồn nào có mã {id}{hint}",
    ),
    "unknown field {fields} in --fields; valid fields: {choices}": (
        "champ inconnu {fields} dans --fields ; champs possibles : {choices}",
        "trường không rõ {fields} trong --fields; các trường hợp lệ: {choices}",
    ),
    "unknown dimension {name} in {option}{hint}; valid: {choices}": (
        "dimension inconnue {name} dans {option}{hint} ; possibles : {choices}",
        "chiều không rõ {name} trong {option}{hint}; hợp lệ: {choices}",
    ),
    "{option} names a dimension twice": (
        "{option} nomme deux fois la même dimension",
        "{option} ghi một chiều hai lần",
    ),
    "{option} takes at most {most} dimensions": (
        "{option} prend au plus {most} dimensions",
        "{option} nhận tối đa {most} chiều",
    ),
    "unknown chart {name}; valid: {choices}": (
        "graphique inconnu {name} ; possibles : {choices}",
        "biểu đồ không rõ {name}; hợp lệ: {choices}",
    ),
    "unknown export format {format}{hint} (valid: {choices})": (
        "format d'export inconnu {format}{hint} (possibles : {choices})",
        "định dạng xuất không rõ {format}{hint} (hợp lệ: {choices})",
    ),
    "unknown command {name}{hint}": ("commande inconnue {name}{hint}", "lệnh không rõ {name}{hint}"),
    "unknown option {option}{hint}": ("option inconnue {option}{hint}", "tùy chọn không rõ {option}{hint}"),
    "missing argument {name}": ("argument manquant {name}", "thiếu đối số {name}"),
    "missing option {name}": ("option manquante {name}", "thiếu tùy chọn {name}"),
    "{message} (see '{command} -h')": ("{message} (voir '{command} -h')", "{message} (xem '{command} -h')"),
    # what a command was asked
    "--since {since} is after --until {until}": (
        "--since {since} est postérieur à --until {until}",
        "--since {since} muộn hơn --until {until}",
    ),
    "compare needs two or more different partners": (
        "compare demande au moins deux partenaires différents",
        "compare cần ít nhất hai đối tác khác nhau",
    ),
    "give a QUERY, or --stdin to read queries one per line (not both)": (
        "donner une REQUÊTE, ou --stdin pour lire une requête par ligne (pas les deux)",
        "hãy đưa một TRUY VẤN, hoặc --stdin để đọc mỗi dòng một truy vấn (không dùng cả hai)",
    ),
    "--stdin writes JSON lines; --format {format} cannot be used with it": (
        "--stdin écrit des lignes JSON ; --format {format} ne peut pas l'accompagner",
        "--stdin ghi các dòng JSON; không thể dùng --format {format} cùng nó",
    ),
    "--facets goes with a table or JSON (--json), not --format {format}": (
        "--facets va avec un tableau ou du JSON (--json), pas --format {format}",
        "--facets đi với bảng hoặc JSON (--json), không phải --format {format}",
    ),
    "--context is shown as a table, json or jsonl, not {format}": (
        "--context s'affiche en tableau, json ou jsonl, pas {format}",
        "--context hiển thị dạng bảng, json hoặc jsonl, không phải {format}",
    ),
    "no fact id on stdin": ("aucun id de fait sur l'entrée standard", "không có mã dữ kiện nào trên stdin"),
    "no id on stdin": ("aucun id sur l'entrée standard", "không có mã nào trên stdin"),
    "the query is {length} characters long; searching its first {limit}": (
        "la requête fait {length} caractères ; recherche sur les {limit} premiers",
        "truy vấn dài {length} ký tự; chỉ tìm theo {limit} ký tự đầu",
    ),
    "a query over {limit} characters was cut to its first {limit}": (
        "une requête de plus de {limit} caractères a été coupée à ses {limit} premiers",
        "một truy vấn dài hơn {limit} ký tự đã bị cắt còn {limit} ký tự đầu",
    ),
    # no result
    "no facts match {query}": ("aucun fait ne correspond à {query}", "không có dữ kiện nào khớp với {query}"),
    "no facts match these filters": (
        "aucun fait ne correspond à ces filtres",
        "không có dữ kiện nào khớp với các bộ lọc này",
    ),
    "no facts involve {partner}": ("aucun fait ne concerne {partner}", "không có dữ kiện nào liên quan đến {partner}"),
    "no facts name {entity}": ("aucun fait ne nomme {entity}", "không có dữ kiện nào nêu tên {entity}"),
    # files
    "SQLite cannot be written to stdout; give a file name": (
        "SQLite ne peut pas être écrit sur la sortie standard ; donner un nom de fichier",
        "không thể ghi SQLite ra stdout; hãy đưa tên tệp",
    ),
    "{path} is a directory": ("{path} est un répertoire", "{path} là một thư mục"),
    "{path} already exists; use --force to replace it": (
        "{path} existe déjà ; utiliser --force pour le remplacer",
        "{path} đã tồn tại; dùng --force để thay thế",
    ),
    "no such directory: {path}": ("répertoire introuvable : {path}", "không có thư mục: {path}"),
    "cannot write {path}: {error}": ("impossible d'écrire {path} : {error}", "không thể ghi {path}: {error}"),
    "cannot draw a chart into {path}; use one of: {choices}": (
        "impossible de dessiner un graphique dans {path} ; utiliser l'un de : {choices}",
        "không thể vẽ biểu đồ vào {path}; hãy dùng một trong: {choices}",
    ),
    "charts need matplotlib: pip install 'vncoop[charts]'": (
        "les graphiques demandent matplotlib : pip install 'vncoop[charts]'",
        "biểu đồ cần matplotlib: pip install 'vncoop[charts]'",
    ),
    "--jq needs the 'jq' package (pip install jq)": (
        "--jq demande le paquet 'jq' (pip install jq)",
        "--jq cần gói 'jq' (pip install jq)",
    ),
    # the corpus and the program
    "{count} problem in {path}": ("{count} problème dans {path}", "{count} lỗi trong {path}"),
    "{count} problems in {path}": ("{count} problèmes dans {path}", "{count} lỗi trong {path}"),
    "{path}: {facts} facts, {sources} sources, no problems": (
        "{path} : {facts} faits, {sources} sources, aucun problème",
        "{path}: {facts} dữ kiện, {sources} nguồn, không có lỗi",
    ),
    "the cache was damaged ({error}); rebuilt it": (
        "le cache était endommagé ({error}) ; il a été reconstruit",
        "bộ nhớ đệm bị hỏng ({error}); đã dựng lại",
    ),
    "internal error ({error}); please report it with the command you ran": (
        "erreur interne ({error}) ; merci de la signaler avec la commande lancée",
        "lỗi nội bộ ({error}); vui lòng báo lỗi kèm lệnh đã chạy",
    ),
    # language
    "{variable}={value!r} is not a language vncoop speaks: use {choices}": (
        "{variable}={value!r} n'est pas une langue que vncoop parle : choisir parmi {choices}",
        "{variable}={value!r} không phải là ngôn ngữ vncoop hỗ trợ: dùng {choices}",
    ),
    "invalid value for --lang: {value} is not one of {choices}": (
        "valeur invalide pour --lang : {value} n'est pas parmi {choices}",
        "giá trị --lang không hợp lệ: {value} không thuộc {choices}",
    ),
}
