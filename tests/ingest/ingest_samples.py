"""Realistic report texts shared by the ingest tests (written for these tests)."""

from __future__ import annotations

CONGO_TXT = """DR Congo: ADF rebels kill 18 in attack on Beni village

Suspected Allied Democratic Forces (ADF) rebels killed at least 18 civilians in an overnight attack on the village of Mamove in Beni territory, North Kivu province, local officials said on Thursday.

The attackers, armed with machetes and guns, struck shortly before midnight and set fire to several homes, said Donat Kibwana, the administrator of Beni territory.

"We have recovered 18 bodies so far, among them women and children," he told reporters by telephone. The toll could not be independently verified.

The Congolese army said it had launched an operation to pursue the rebels towards the Virunga national park.
"""

UKRAINE_TXT = """Shelling kills three in Kharkiv as Russian forces press offensive

Published 14 May 2022

Russian shelling killed three civilians and wounded eleven in the Saltivka district of Kharkiv on Friday, the regional governor Oleh Synehubov said on Telegram.

Ukrainian forces said they had pushed Russian troops back from several villages north of the city, including Rubizhne and Bayrak.

The reports could not be independently verified by Reuters.
"""

AFGHAN_TXT = """Taliban attack on police post kills seven in Kunduz

A Taliban attack on a police checkpoint in the Imam Sahib district of northern Kunduz province killed seven police officers late on Monday, a provincial spokesman said.

The Taliban claimed responsibility in a statement, saying their fighters had seized weapons and ammunition from the post before withdrawing.

Clashes were also reported on the outskirts of Kunduz city, where government forces were supported by air strikes.
"""

NIGERIA_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Gunmen kill 23 villagers in Zamfara raid | Daily Sahel Times</title>
<meta property="og:site_name" content="Daily Sahel Times">
<meta property="article:published_time" content="2023-03-14T09:12:00+01:00">
<link rel="canonical" href="https://sahel-times.example/news/zamfara-raid">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Gunmen kill 23 villagers in Zamfara raid</h1>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on WhatsApp</a></div>
<p>GUSAU, Nigeria — Gunmen on motorcycles killed at least 23 people in an overnight raid on Kadawa village in Nigeria's northwestern Zamfara state, police said on Tuesday.</p>
<p>The attackers arrived shortly after midnight, opened fire on residents and set homes and granaries alight, a police spokesman told reporters in the state capital Gusau.</p>
<div class="newsletter-signup"><h3>Sign up for our morning briefing</h3><p>Get the day's top stories from across the Sahel delivered to your inbox every morning.</p><form><input type="email" placeholder="Your email"><button>Subscribe</button></form></div>
<p>Residents said the gunmen abducted at least 15 women and children. The figure could not be independently verified.</p>
<p>Bandit gangs have killed thousands of people in northwest Nigeria in recent years, according to rights groups.</p>
<section class="related-articles"><h3>Related</h3><ul>
<li><a href="/a">Kidnappers free 20 students in Kaduna after ransom paid</a></li>
<li><a href="/b">Army says 40 bandits killed in Katsina operation</a></li></ul></section>
</article>
<footer><p>© 2023 Daily Sahel Times. All rights reserved.</p></footer>
</body></html>
"""

#: A truncated, badly nested page: unclosed <p>/<div>, stray closing tags, no </html>.
BROKEN_YEMEN_HTML = """<html><head><title>Air strike hits Saada market</title>
<body><div id="main"><div class="story">
<h1>Air strike hits crowded market in Yemen's Saada</h1></span>
<p>An air strike hit a crowded market in the Dahyan area of Yemen's northern Saada province on Thursday, killing at least 14 civilians, medical sources said.
<p>Witnesses said the strike destroyed dozens of stalls and a fuel station. The Saudi-led coalition did not immediately comment.</div></td>
<p>The Houthi-run health ministry said 26 people were wounded and taken to the Al-Jumhuri hospital in Saada city.
<div><p>Aid agencies have repeatedly warned that attacks on markets
"""

FRENCH_TXT = """Mali : au moins trente civils tués dans l'attaque d'un village du centre

Des hommes armés ont tué au moins trente civils lors d'une attaque contre le village d'Ogossagou, dans la région de Mopti, dans le centre du Mali, ont indiqué dimanche des sources locales et sécuritaires.

Les assaillants, arrivés à moto en fin de journée, ont incendié des habitations et des greniers avant de prendre la fuite, selon un élu local joint par téléphone.

Le gouvernement malien a condamné une attaque « barbare » et annoncé l'envoi de renforts dans la zone.
"""

ARABIC_TXT = """غارة جوية تقتل مدنيين في سوق شعبي بمحافظة صعدة

قتل ما لا يقل عن عشرين مدنيا وأصيب العشرات في غارة جوية استهدفت سوقا شعبيا مزدحما في مديرية ضحيان بمحافظة صعدة شمالي اليمن يوم الخميس، بحسب ما أفادت مصادر طبية محلية.

وقال شهود عيان إن الغارة دمرت عشرات المحال التجارية ومحطة للوقود، فيما نقل الجرحى إلى مستشفى الجمهوري في مدينة صعدة.
"""

#: A WordPress/Elementor page as a paywalled site serves it to a logged-out reader: the
#: <body> class says "unsubscribed" and the article wrapper carries the post's taxonomy
#: classes ("tag-social-media", "category-sponsored-promotions"), all of which contain
#: furniture words although the wrapper *is* the report. Real furniture sits inside it.
SOMALIA_WP_HTML = """<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>Al-Shabaab attack on Mogadishu hotel kills 12 - Horn Observer</title>
<meta property="og:site_name" content="Horn Observer">
<meta property="article:published_time" content="2024-03-15T18:40:00+03:00">
</head>
<body class="post-template-default single single-post postid-542 logged-out subType-unsubscribed">
<div class="m-advertisement-off-canvas--pusher">
<header class="site-header"><a href="/">Horn Observer</a>
<nav><a href="/somalia">Somalia</a> <a href="/kenya">Kenya</a> <a href="/opinion">Opinion</a></nav></header>
<div data-elementor-type="single-post" class="elementor elementor-623 elementor-location-single post-542 post type-post status-publish format-standard hentry category-somalia category-sponsored-promotions tag-al-shabaab tag-social-media">
<h1 class="elementor-heading-title">Al-Shabaab attack on Mogadishu hotel kills 12</h1>
<div class="social-share-buttons"><a href="#">Share on X</a> <a href="#">Share on Facebook</a></div>
<div class="elementor-widget-container">
<p>MOGADISHU — Al-Shabaab fighters stormed the SYL hotel near the presidential palace in Mogadishu on Thursday evening, killing at least 12 people, including three soldiers, a police officer said.</p>
<p>The attack began with a car bomb at the hotel gate, after which gunmen entered the building and exchanged fire with security forces for several hours, witnesses told the Horn Observer.</p>
<p>Police spokesman Abdifatah Aden said all five attackers had been killed and that security forces had regained control of the building by early Friday.</p>
<div class="newsletter-box"><h4>Get the Horn Observer briefing</h4><p>The day's top stories from Somalia and the region, in your inbox every morning.</p></div>
<p>Al-Shabaab, which is linked to al-Qaeda, claimed responsibility for the attack in a statement on a website affiliated with the group.</p>
<p>The group has fought for more than a decade to overthrow Somalia's internationally backed federal government.</p>
</div>
<section class="related-posts"><h3>Related</h3><ul>
<li><a href="/a">Somali forces retake town from al-Shabaab in Middle Shabelle</a></li>
<li><a href="/b">Drone strike kills militants near Jilib, US says</a></li></ul></section>
</div>
<footer><p>Copyright 2024 Horn Observer. All rights reserved.</p></footer>
</div>
</body></html>
"""

#: An ASP.NET page: the whole <body> is one <form id="aspnetForm"> (postback), so the
#: report sits inside a <form> that must not be pruned as a sign-up form.
SUDAN_FORM_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>RSF shelling kills 9 in El Fasher, medics say | Nile Wire</title>
</head><body>
<form method="post" action="./story.aspx?id=88124" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk">
<div id="masthead"><a href="/">Nile Wire</a> <a href="/sudan">Sudan</a> <a href="/africa">Africa</a></div>
<div id="ctl00_main_story" class="story-body">
<h1>RSF shelling kills 9 in El Fasher, medics say</h1>
<p>EL FASHER, Sudan — Shelling by the paramilitary Rapid Support Forces killed nine civilians, among them four children, in the besieged city of El Fasher in North Darfur on Sunday, a local medical group said.</p>
<p>The shells struck the Abu Shouk camp for displaced people and a market in the city centre, the group said in a statement, adding that more than 30 people were wounded.</p>
<p>The RSF has been besieging El Fasher, the last major city in Darfur held by the army and its allies, since May.</p>
<p>The army said its aircraft had struck RSF positions east of the city. Neither side's account could be independently verified.</p>
</div>
<div class="subscribe-panel"><p>Nile Wire alerts on your phone: never miss a story from Sudan.</p></div>
</form>
</body></html>
"""
